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
                Duration.ofSeconds(30), Duration.ofDays(30), Duration.ofDays(7), 2, Duration.ofDays(14), Duration.ofDays(400));
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

    @Test
    void dropsWholeDaysOfMinuteRollupsAndDeletesHourRollupsPastTheirRetention() throws Exception {
        TelemetrySettings settings = new TelemetrySettings(false, "g", "", 10, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofDays(30), Duration.ofDays(7), 2, Duration.ofDays(3), Duration.ofDays(10));
        Clock clock = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);
        TelemetryPartitions partitions = new TelemetryPartitions(transactions, settings, clock);
        partitions.usage().ensure(List.of(LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-12")));
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("""
                    INSERT INTO usage_minute (tenant_id, minute, api_id, application_id, status_class, requests, errors,
                        request_bytes, response_bytes, latency_sum_micros, latency_buckets)
                    SELECT gen_random_uuid(), m, 'api', 'app', 2, 1, 0, 0, 0, 10, ARRAY[1]::bigint[]
                    FROM generate_series(timestamptz '2026-03-11T23:00:00Z', timestamptz '2026-03-12T12:59:00Z', interval '1 minute') m""");
            connection.createStatement().execute("""
                    INSERT INTO usage_hour (tenant_id, hour, api_id, application_id, status_class, requests, errors,
                        request_bytes, response_bytes, latency_sum_micros, latency_buckets)
                    SELECT gen_random_uuid(), h, 'api', 'app', 2, 1, 0, 0, 0, 10, ARRAY[1]::bigint[]
                    FROM generate_series(timestamptz '2026-03-05T10:00:00Z', timestamptz '2026-03-05T13:00:00Z', interval '1 hour') h""");
        }

        partitions.run();

        // Minutes: the cut-off 2026-03-12T12:00Z falls in 2026-03-12, kept whole; 2026-03-11 is dropped.
        assertThat(count("SELECT count(*), min(minute) FROM usage_minute")).isEqualTo("780 2026-03-12T00:00:00Z");
        assertThat(partitions.usage().existing()).containsExactly(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-14"),
                LocalDate.parse("2026-03-15"), LocalDate.parse("2026-03-16"), LocalDate.parse("2026-03-17"));
        // Hours: deleted row by row before 2026-03-05T12:00Z (10 days).
        assertThat(count("SELECT count(*), min(hour) FROM usage_hour")).isEqualTo("2 2026-03-05T12:00:00Z");
    }

    @Test
    void aMinuteRollupWithoutItsDaysPartitionIsRefusedRatherThanLost() throws Exception {
        try (Connection connection = database.connect()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.createStatement().execute("""
                    INSERT INTO usage_minute (tenant_id, minute, api_id, application_id, status_class, requests, errors,
                        request_bytes, response_bytes, latency_sum_micros, latency_buckets)
                    VALUES (gen_random_uuid(), '1999-01-01T00:00:00Z', 'api', 'app', 2, 1, 0, 0, 0, 10, ARRAY[1]::bigint[])"""))
                    .hasMessageContaining("no partition");
        }
    }

    @Test
    void aLargeBacklogOfHourRollupsIsDeletedInBoundedBatches() throws Exception {
        int rows = UsageRetention.BATCH * 2 + 17;
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("""
                    INSERT INTO usage_hour (tenant_id, hour, api_id, application_id, status_class, requests, errors,
                        request_bytes, response_bytes, latency_sum_micros, latency_buckets)
                    SELECT gen_random_uuid(), timestamptz '2020-01-01T00:00:00Z', 'api', 'app', 2, 1, 0, 0, 0, 10, ARRAY[1]::bigint[]
                    FROM generate_series(1, %d)""".formatted(rows));
        }
        assertThat(new UsageRetention(transactions).expireHours(Instant.parse("2020-01-02T00:00:00Z"))).isEqualTo(rows);
        assertThat(count("SELECT count(*), 'none' FROM usage_hour WHERE hour < '2020-01-02'")).isEqualTo("0 none");
    }

    private String count(String query) throws Exception {
        try (Connection connection = database.connect();
             ResultSet row = connection.createStatement().executeQuery(query)) {
            row.next();
            Object second = row.getObject(2);
            String shown = second instanceof java.time.OffsetDateTime time ? time.toInstant().toString()
                    : second instanceof java.sql.Timestamp timestamp ? timestamp.toInstant().toString() : String.valueOf(second);
            return row.getLong(1) + " " + shown;
        }
    }
}
