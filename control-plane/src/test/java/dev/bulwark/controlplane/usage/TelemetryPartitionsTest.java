package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class TelemetryPartitionsTest extends RealDatabaseTest {
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void createsDaysAheadAndDropsWholeDaysPastTheRetention() throws Exception {
        TelemetrySettings settings = new TelemetrySettings(false, "g", "", 10, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofDays(30), Duration.ofDays(7), 2);
        Clock clock = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);
        TelemetryPartitions partitions = new TelemetryPartitions(transactions, settings, clock);
        partitions.security().ensure(List.of(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-12"), LocalDate.parse("2026-02-13")));
        partitions.dedupe().ensure(List.of(LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08")));
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("""
                    INSERT INTO security_event (tenant_id, occurred_at, id, type, error_key) VALUES
                    (gen_random_uuid(), '2026-02-01T10:00:00Z', 'old', 'ip-blocked', 'IP_BLOCKED'),
                    (gen_random_uuid(), '2026-02-13T10:00:00Z', 'kept', 'ip-blocked', 'IP_BLOCKED')""");
        }

        partitions.run();

        assertThat(partitions.security().existing()).containsExactly(LocalDate.parse("2026-02-13"), LocalDate.parse("2026-03-14"),
                LocalDate.parse("2026-03-15"), LocalDate.parse("2026-03-16"), LocalDate.parse("2026-03-17"));
        assertThat(partitions.dedupe().existing()).containsExactly(LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-14"),
                LocalDate.parse("2026-03-15"), LocalDate.parse("2026-03-16"), LocalDate.parse("2026-03-17"));
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT string_agg(id, ',') FROM security_event")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }

        partitions.run(); // idempotent: a second replica (or the next hour) changes nothing
        assertThat(partitions.security().existing()).hasSize(5);
    }
}
