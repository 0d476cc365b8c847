package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.testing.LocalRedisCluster;
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

/** The event consumer on a real Redis Cluster: both streams in the {events} slot, read with the cluster client. */
@MicronautTest(transactional = false)
class ClusterIngestionTest extends RealDatabaseTest {
    private static final String GROUP = "bulwark-control-plane";
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @Inject
    IngestionLoops loops;

    private LocalRedisCluster cluster;

    @Override
    public Map<String, String> getProperties() {
        cluster = LocalRedisCluster.start();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.redis.url", cluster.seedUrls());
        properties.put("bulwark.redis.cluster", "true");
        properties.put("bulwark.redis.key-prefix", prefix);
        return properties;
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void usageAndSecurityEventsWrittenToTheClusterAreIngestedAndAcknowledged() throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        String usageKey = EventStreams.Kind.USAGE.streamKey(prefix);
        int primary = cluster.primaryOf(usageKey);
        StreamIngestionLoop loop = loops.create("c-cluster", EventIngestionTest.fast(), IngestionWriter.Checkpoint.NONE);
        Thread thread = Thread.ofPlatform().name("test-ingester-cluster").start(loop);
        // The gateway's sink writes to the primary owning {events}: a plain connection to it does the same.
        try (StreamFixture streams = new StreamFixture("redis://127.0.0.1:" + primary, prefix)) {
            streams.addAggregate("cl-1", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 2, 1_000, 2_000));
            streams.addAggregate("cl-2", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 4, 500));
            streams.add(EventStreams.Kind.SECURITY, "cl-s", StreamFixture.security(tenant,
                    SecurityEventType.AUTHENTICATION_FAILURE, "api-1", null, "203.0.113.9", Instant.now().truncatedTo(ChronoUnit.SECONDS)));

            await().atMost(Duration.ofSeconds(60)).until(() -> requests(tenant) == 3
                    && streams.pending(EventStreams.Kind.USAGE, GROUP) == 0
                    && streams.pending(EventStreams.Kind.SECURITY, GROUP) == 0
                    && count("SELECT count(*) FROM security_event WHERE tenant_id = '" + tenant + "'") == 1);
        } finally {
            loop.halt();
            thread.join(10_000);
        }
    }

    private long requests(UUID tenant) throws Exception {
        return count("SELECT coalesce(sum(requests), 0) FROM usage_minute WHERE tenant_id = '" + tenant + "'");
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
