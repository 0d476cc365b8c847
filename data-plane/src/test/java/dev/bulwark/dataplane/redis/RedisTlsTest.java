package dev.bulwark.dataplane.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.SettingsException;
import dev.bulwark.testing.TestCertificateAuthority;
import dev.bulwark.testing.TlsRedisFixture;
import dev.bulwark.testing.TlsRedisServer;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gateways to Redis over TLS, against a real {@code redis-server} serving only {@code tls-port} with
 * certificates of a CA made by the test: the gateway's settings (rediss:// URL, CA file, client
 * certificate) reach Redis; a server signed by another CA, a certificate for another host name, and
 * a gateway without a client certificate are each refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PEPPER = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    private TlsRedisFixture tls;
    private TestCertificateAuthority ca;
    private TlsRedisServer redis;
    private Vertx vertx;

    @BeforeAll
    void start() {
        tls = TlsRedisFixture.start("gw-1.bulwark.test");
        ca = tls.ca();
        redis = tls.server();
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await();
        }
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void theGatewayReachesRedisOverVerifiedTls() {
        RedisTarget target = settings(redis.url(), ca).redisTarget();
        RedisConnector connector = new RedisConnector(vertx, target);
        try {
            connector.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> connector.connection() != null);
            // The server has no plain-text port: every reply here came over TLS.
            assertThat(connector.ping(2_000).await()).isTrue();
            String key = "bw:tls-test:" + System.nanoTime();
            assertThat(join(connector.commands().incr(key))).isEqualTo(1L);
            assertThat(join(connector.commands().incr(key))).isEqualTo(2L);
        } finally {
            connector.close();
        }
    }

    @Test
    void aRedisSignedByAnotherCaIsRefused() {
        assertRefusedForTls(settings(redis.url(), tls.otherCa()).redisTarget());
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() {
        // Signed by the trusted CA, but for redis.elsewhere.test, not the 127.0.0.1 the gateway dialled.
        assertRefusedForTls(settings(tls.misnamedServer().url(), ca).redisTarget());
    }

    @Test
    void redisRefusesAGatewayWithoutAClientCertificate() {
        RedisTarget target = RedisTarget.parse(redis.url(), false, new RedisTls(ca.certificate(), null, null));
        AbstractRedisClient client = RedisClients.create(target, TIMEOUT, TIMEOUT, true);
        try {
            assertThatThrownBy(() -> ping(client, target)).isInstanceOf(CompletionException.class);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsFilesWithAPlainRedisUrlStopTheStart() {
        Map<String, String> env = env("redis://127.0.0.1:" + redis.port(), ca);
        assertThatThrownBy(() -> GatewaySettings.from(env)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("BULWARK_REDIS_TLS_CA_FILE").hasMessageContaining("rediss://");
        Map<String, String> keyWithoutCertificate = new HashMap<>(env("rediss://127.0.0.1:" + redis.port(), ca));
        keyWithoutCertificate.remove("BULWARK_REDIS_TLS_CERT_FILE");
        assertThatThrownBy(() -> GatewaySettings.from(keyWithoutCertificate)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("BULWARK_REDIS_TLS_CERT_FILE and BULWARK_REDIS_TLS_KEY_FILE must be set together");
    }

    private void assertRefusedForTls(RedisTarget target) {
        AbstractRedisClient client = RedisClients.create(target, TIMEOUT, TIMEOUT, true);
        try {
            assertThatThrownBy(() -> ping(client, target)).satisfies(error -> assertThat(TlsRedisFixture.causedByTls(error))
                    .as("a TLS handshake failure in %s", error).isTrue());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static String ping(AbstractRedisClient client, RedisTarget target) {
        StatefulConnection<String, String> connection = RedisClients.connect(client, target, TIMEOUT).toCompletableFuture().join();
        try {
            return RedisClients.async(connection).ping().toCompletableFuture().join();
        } finally {
            connection.close();
        }
    }

    private static <T> T join(io.lettuce.core.RedisFuture<T> future) {
        return future.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    private GatewaySettings settings(String url, TestCertificateAuthority trusted) {
        return GatewaySettings.from(env(url, trusted));
    }

    private Map<String, String> env(String url, TestCertificateAuthority trusted) {
        Map<String, String> env = new HashMap<>();
        env.put("BULWARK_API_KEY_PEPPER", PEPPER);
        env.put("BULWARK_REDIS_URL", url);
        env.put("BULWARK_REDIS_TLS_CA_FILE", trusted.certificate().toString());
        env.put("BULWARK_REDIS_TLS_CERT_FILE", tls.client().certificate().toString());
        env.put("BULWARK_REDIS_TLS_KEY_FILE", tls.client().key().toString());
        return env;
    }
}
