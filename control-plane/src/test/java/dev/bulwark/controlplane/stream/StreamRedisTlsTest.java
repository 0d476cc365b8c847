package dev.bulwark.controlplane.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.testing.TestCertificateAuthority;
import dev.bulwark.testing.TlsRedisFixture;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The control plane's stream consumer to Redis over TLS, against a real {@code redis-server} serving
 * only {@code tls-port} and requiring client certificates, with certificates of a CA made by the
 * test: entries are read and acknowledged over verified mutual TLS; a server of another CA, a
 * certificate for another host name and a missing client certificate are each refused; settings that
 * would silently skip TLS or its checks stop the start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamRedisTlsTest {
    private TlsRedisFixture tls;

    @BeforeAll
    void start() {
        tls = TlsRedisFixture.start("cp-1.bulwark.test");
    }

    @AfterAll
    void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void theConsumerReadsAndAcknowledgesEntriesOverVerifiedMutualTls() throws Exception {
        StreamRedis target = StreamRedis.of(tls.server().url(), false, mutual(tls.ca()));
        String stream = "cp-tls:" + UUID.randomUUID() + ":{events}:usage";
        StreamGroup group = new StreamGroup(List.of(stream), "g-tls", "c-1", 10, Duration.ofMillis(100),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
        List<String> handled = new CopyOnWriteArrayList<>();
        StreamConsumerLoop loop = new StreamConsumerLoop(target, group,
                messages -> messages.forEach(message -> handled.add(message.getBody().get("n"))), () -> { }, () -> { });
        Thread thread = Thread.ofPlatform().name("test-tls-consumer").start(loop);
        AbstractRedisClient client = target.createClient(target.uris(Duration.ofSeconds(5)));
        try (StatefulConnection<String, String> connection = target.connect(client, target.uris(Duration.ofSeconds(5)))) {
            // The server has no plain-text port: these writes, the reads and the acknowledgements all went over TLS.
            var commands = ((StatefulRedisConnection<String, String>) connection).sync();
            commands.xadd(stream, Map.of("n", "1"));
            commands.xadd(stream, Map.of("n", "2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 2
                    && commands.xpending(stream, "g-tls").getCount() == 0);
            assertThat(handled).containsExactly("1", "2");
        } finally {
            loop.halt();
            thread.join(10_000);
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRedisSignedByAnotherCaIsRefused() {
        assertThat(refusal(StreamRedis.of(tls.server().url(), false, mutual(tls.otherCa())))).satisfies(error ->
                assertThat(TlsRedisFixture.causedByTls(error)).as("a TLS handshake failure in %s", error).isTrue());
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() {
        // Signed by the trusted CA, but for redis.elsewhere.test, not the 127.0.0.1 the control plane dialled.
        assertThat(refusal(StreamRedis.of(tls.misnamedServer().url(), false, mutual(tls.ca())))).satisfies(error ->
                assertThat(TlsRedisFixture.causedByTls(error)).as("a TLS handshake failure in %s", error).isTrue());
    }

    @Test
    void redisRefusesAControlPlaneWithoutAClientCertificate() {
        assertThat(refusal(StreamRedis.of(tls.server().url(), false, new RedisTlsSettings(tls.ca().certificate(), null, null))))
                .isNotNull();
    }

    @Test
    void settingsThatWouldSkipTlsOrItsChecksStopTheStart() {
        assertThatThrownBy(() -> StreamRedis.of("redis://127.0.0.1:" + tls.server().port(), false, mutual(tls.ca())))
                .hasMessageContaining("BULWARK_REDIS_TLS_CA_FILE").hasMessageContaining("need rediss://");
        // CA: the chain is checked, the host name is not; NONE: nothing is.
        for (String mode : List.of("CA", "NONE")) {
            assertThatThrownBy(() -> StreamRedis.of(tls.server().url() + "?verifyPeer=" + mode, false, mutual(tls.ca())))
                    .hasMessageContaining("must verify the server's certificate and host name");
        }
        assertThatThrownBy(() -> new RedisTlsSettings(tls.ca().certificate(), tls.client().certificate(), null))
                .hasMessageContaining("BULWARK_REDIS_TLS_CERT_FILE and BULWARK_REDIS_TLS_KEY_FILE) must be set together");
        Path missing = tls.ca().certificate().resolveSibling("absent-ca.crt");
        assertThatThrownBy(() -> new RedisTlsSettings(missing, null, null))
                .hasMessageContaining("BULWARK_REDIS_TLS_CA_FILE").hasMessageContaining("not a readable file");
        // An empty variable is "not set": plain Redis stays allowed.
        assertThat(StreamRedis.of("redis://127.0.0.1:6379", false, new RedisTlsSettings(Path.of(""), null, null)))
                .hasToString("single[redis://127.0.0.1:6379]");
    }

    private RedisTlsSettings mutual(TestCertificateAuthority trusted) {
        return new RedisTlsSettings(trusted.certificate(), tls.client().certificate(), tls.client().key());
    }

    /** What connecting and PINGing throws; fails the test if it does not throw. */
    private static Throwable refusal(StreamRedis target) {
        List<RedisURI> uris = target.uris(Duration.ofSeconds(5));
        AbstractRedisClient client = target.createClient(uris);
        try {
            Throwable error = null;
            try (StatefulConnection<String, String> connection = target.connect(client, uris)) {
                ((StatefulRedisConnection<String, String>) connection).sync().ping();
            } catch (RuntimeException e) {
                error = e;
            }
            assertThat(error).as("the connection is refused").isNotNull();
            return error;
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
