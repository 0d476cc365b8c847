package dev.bulwark.controlplane.usage;

import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.controlplane.RealStreamsTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The application's own consumer, started with the context, ingests what the gateways write. */
@MicronautTest(transactional = false)
class EventIngestionServiceTest extends RealStreamsTest {

    @Override
    protected Map<String, String> consumerProperties() {
        return Map.of("bulwark.telemetry.ingestion-enabled", "true", "bulwark.telemetry.block", "200ms");
    }

    @Test
    void eventsWrittenToTheStreamReachTheRollupsAndAreAcknowledged() {
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < 25; i++) {
            streams.add(EventStreams.Kind.USAGE, "svc-" + i, StreamFixture.usage(tenant, "api-1", "app-1", Instant.now(), 200, 900));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> requests(tenant) == 25
                && streams.pending(EventStreams.Kind.USAGE, "bulwark-control-plane") == 0);
    }

    private long requests(UUID tenant) throws Exception {
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT coalesce(sum(requests), 0) FROM usage_minute WHERE tenant_id = '" + tenant + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
