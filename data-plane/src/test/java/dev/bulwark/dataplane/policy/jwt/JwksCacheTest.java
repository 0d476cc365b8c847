package dev.bulwark.dataplane.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.upstream.UpstreamResolver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwksCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void refreshesInTheBackgroundBeforeExpiryAndServesFromCacheMeanwhile() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        JwksServer server = new JwksServer(vertx);
        server.publish(List.of(first));
        JwksCache cache = new JwksCache(vertx, server.url(), 100, 30_000, clock::get, new SimpleMeterRegistry(),
                new UpstreamResolver(vertx, List.of(), new SimpleMeterRegistry()), Snapshots.LOOPBACK_GUARD);

        assertThat(cache.keysFor("k1").await()).hasSize(1);
        clock.addAndGet(50 * SECOND);
        assertThat(cache.keysFor("k1").await()).hasSize(1);
        assertThat(server.hits()).as("fresh: no fetch").isEqualTo(1);

        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        server.publish(List.of(first, second));
        clock.addAndGet(35 * SECOND);
        assertThat(cache.keysFor("k1").isComplete()).as("past 80 %: answered from cache at once").isTrue();
        // Until the refresh has been applied, not merely received by the server: a fetch still in flight
        // when the test closes Vert.x would fail under it.
        await().until(() -> cache.keysFor(null).await().size() == 2);
        assertThat(server.hits()).as("one background refresh").isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotAKeySetIsDescribedByItsLengthAndContentTypeNeverByItsText() {
        String body = "<html>upstream error page, session=abc123</html>";

        assertThatThrownBy(() -> JwksCache.parse(Buffer.buffer(body), "text/html; charset=utf-8"))
                .hasMessage("JWKS is not a JSON Web Key Set (" + body.length() + " bytes, Content-Type text/html; charset=utf-8)")
                .message().doesNotContain("session");
        String notASet = "{\"keys\": 1}";
        assertThatThrownBy(() -> JwksCache.parse(Buffer.buffer(notASet), null))
                .hasMessage("JWKS is not a JSON Web Key Set (" + notASet.length() + " bytes, Content-Type absent)");
    }

    @Test
    void keepsTheLastGoodKeysWhenTheProviderFailsAfterExpiry() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        JwksServer server = new JwksServer(vertx);
        server.publish(List.of(key));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        JwksCache cache = new JwksCache(vertx, server.url(), 10, 30_000, clock::get, metrics,
                new UpstreamResolver(vertx, List.of(), metrics), Snapshots.LOOPBACK_GUARD);
        assertThat(cache.keysFor("k1").await()).hasSize(1);

        server.fail(true);
        clock.addAndGet(60 * SECOND);
        assertThat(cache.keysFor("k1").await()).as("stale but usable").hasSize(1);
        assertThat(metrics.find("bulwark.jwks.fetch.failures").counter().count()).isEqualTo(1.0);
    }
}
