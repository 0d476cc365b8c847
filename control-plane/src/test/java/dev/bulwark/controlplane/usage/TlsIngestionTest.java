package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.stream.StreamRedis;
import dev.bulwark.testing.TlsRedisFixture;
import io.lettuce.core.SslOptions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane configured as a production layout configures it, {@code rediss://} URL and
 * {@code bulwark.redis.tls.*} files, ingests the gateways' events from a real {@code redis-server}
 * that speaks only TLS and requires a client certificate.
 */
@MicronautTest(transactional = false)
class TlsIngestionTest extends RealDatabaseTest {
    private static final String GROUP = "bulwark-control-plane";
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @Inject
    IngestionLoops loops;

    @Inject
    StreamRedis redis;

    private TlsRedisFixture tls;

    @Override
    public Map<String, String> getProperties() {
        tls = TlsRedisFixture.start("cp.bulwark.test");
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.redis.url", tls.server().url());
        properties.put("bulwark.redis.key-prefix", prefix);
        properties.put("bulwark.redis.tls.ca-file", tls.ca().certificate().toString());
        properties.put("bulwark.redis.tls.cert-file", tls.client().certificate().toString());
        properties.put("bulwark.redis.tls.key-file", tls.client().key().toString());
        return properties;
    }

    @AfterAll
    void stopRedis() throws Exception {
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void eventsWrittenOverTlsAreIngestedAndAcknowledged() throws Exception {
        assertThat(redis).hasToString("single+tls-files[" + tls.server().url() + "]");
        UUID tenant = UUID.randomUUID();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        StreamIngestionLoop loop = loops.create("c-tls", EventIngestionTest.fast(), IngestionWriter.Checkpoint.NONE);
        Thread thread = Thread.ofPlatform().name("test-ingester-tls").start(loop);
        // Written as a gateway writes them, over TLS with a client certificate of the same CA.
        SslOptions gatewayTls = SslOptions.builder().jdkSslProvider().trustManager(tls.ca().certificate().toFile())
                .keyManager(tls.client().certificate().toFile(), tls.client().key().toFile(), null).build();
        try (StreamFixture streams = new StreamFixture(tls.server().url(), prefix, gatewayTls)) {
            streams.addAggregate("tls-1", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 2, 1_000, 2_000, 3_000));
            await().atMost(Duration.ofSeconds(60)).until(() -> requests(tenant) == 3
                    && streams.pending(EventStreams.Kind.USAGE, GROUP) == 0);
        } finally {
            loop.halt();
            thread.join(10_000);
        }
    }

    private long requests(UUID tenant) throws Exception {
        try (Connection connection = database.connect(); ResultSet rows = connection.createStatement().executeQuery(
                "SELECT coalesce(sum(requests), 0) FROM usage_minute WHERE tenant_id = '" + tenant + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
