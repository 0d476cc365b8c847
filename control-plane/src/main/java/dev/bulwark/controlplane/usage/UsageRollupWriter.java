package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.contracts.event.UsageEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts usage records (gateway aggregates, or legacy per-request events) into {@code usage_minute}
 * and {@code usage_hour}, inside the caller's transaction. Delivery ids go into {@code ingested_event}
 * first; only the ids that were new there are counted, so a redelivered record adds nothing. Rows are upserted in key order, so concurrent replicas lock them in the same
 * order and cannot deadlock.
 * <p>Hand SQL: a bulk path, upserts in key order with ingested-id deduplication.
 */
final class UsageRollupWriter {
    private final KeyLastUsedWriter lastUsed = new KeyLastUsedWriter();
    private static final String REMEMBER = """
            INSERT INTO ingested_event (delivery_id, occurred_at)
            SELECT id, at::timestamptz FROM unnest(?::text[], ?::text[]) AS t(id, at)
            ON CONFLICT DO NOTHING RETURNING delivery_id""";
    /** {@code %1$s} is the table, {@code %2$s} its time column; both are constants below. */
    private static final String UPSERT = """
            INSERT INTO %1$s AS u (tenant_id, %2$s, api_id, application_id, status_class, requests, errors,
                request_bytes, response_bytes, latency_sum_micros, latency_buckets)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, %2$s, api_id, application_id, status_class) DO UPDATE SET
                requests = u.requests + EXCLUDED.requests,
                errors = u.errors + EXCLUDED.errors,
                request_bytes = u.request_bytes + EXCLUDED.request_bytes,
                response_bytes = u.response_bytes + EXCLUDED.response_bytes,
                latency_sum_micros = u.latency_sum_micros + EXCLUDED.latency_sum_micros,
                latency_buckets = bw_add_buckets(u.latency_buckets, EXCLUDED.latency_buckets)""";

    /** How many records were new (and therefore counted), and the requests they carried. */
    record Counted(int records, long requests) {
    }

    Counted write(Connection connection, List<DeliveredEvent> events) throws SQLException {
        Map<String, DeliveredEvent> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.deliveryId(), event));
        if (unique.isEmpty()) {
            return new Counted(0, 0);
        }
        Set<String> fresh = remember(connection, unique.values());
        Map<RollupKey, Rollup> rollups = new TreeMap<>();
        List<DeliveredEvent> counted = new ArrayList<>(fresh.size());
        long requests = 0;
        for (DeliveredEvent delivered : unique.values()) {
            if (fresh.contains(delivered.deliveryId())) {
                counted.add(delivered);
                Rollup rollup = rollups.computeIfAbsent(RollupKey.of(delivered), key -> new Rollup());
                if (delivered.event() instanceof UsageAggregate aggregate) {
                    rollup.add(aggregate);
                    requests += aggregate.requests();
                } else {
                    rollup.add(delivered.usage());
                    requests++;
                }
            }
        }
        Map<RollupKey, Rollup> hourly = new TreeMap<>();
        rollups.forEach((key, rollup) -> hourly.computeIfAbsent(key.hour(), k -> new Rollup()).merge(rollup));
        upsert(connection, UPSERT.formatted("usage_minute", "minute"), rollups);
        upsert(connection, UPSERT.formatted("usage_hour", "hour"), hourly);
        lastUsed.write(connection, counted);
        return new Counted(fresh.size(), requests);
    }

    private static Set<String> remember(Connection connection, java.util.Collection<DeliveredEvent> events) throws SQLException {
        List<String> ids = new ArrayList<>(events.size());
        List<String> times = new ArrayList<>(events.size());
        for (DeliveredEvent event : events) {
            ids.add(event.deliveryId());
            times.add(event.occurredAt().toString());
        }
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(REMEMBER)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            statement.setArray(2, connection.createArrayOf("text", times.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
        }
        return fresh;
    }

    private static void upsert(Connection connection, String sql, Map<RollupKey, Rollup> rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<RollupKey, Rollup> entry : rollups.entrySet()) {
                RollupKey key = entry.getKey();
                Rollup rollup = entry.getValue();
                statement.setObject(1, key.tenantId());
                statement.setTimestamp(2, Timestamp.from(key.minute()));
                statement.setString(3, key.apiId());
                statement.setString(4, key.applicationId());
                statement.setShort(5, (short) key.statusClass());
                statement.setLong(6, rollup.requests);
                statement.setLong(7, rollup.errors);
                statement.setLong(8, rollup.requestBytes);
                statement.setLong(9, rollup.responseBytes);
                statement.setLong(10, rollup.latencySumMicros);
                Array buckets = connection.createArrayOf("bigint", rollup.boxedBuckets());
                statement.setArray(11, buckets);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The rollup row an event belongs to; ordered so upserts lock rows in one global order. */
    record RollupKey(UUID tenantId, Instant minute, String apiId, String applicationId, int statusClass)
            implements Comparable<RollupKey> {
        static RollupKey of(DeliveredEvent delivered) {
            if (delivered.event() instanceof UsageAggregate aggregate) {
                return new RollupKey(delivered.tenantId(), aggregate.minute(), nullToEmpty(aggregate.apiId()),
                        nullToEmpty(aggregate.applicationId()), aggregate.statusClass());
            }
            UsageEvent event = delivered.usage();
            return new RollupKey(delivered.tenantId(), event.at().truncatedTo(ChronoUnit.MINUTES), nullToEmpty(event.apiId()),
                    nullToEmpty(event.applicationId()), event.status() / 100);
        }

        /** The same row one level up: its hour. */
        RollupKey hour() {
            return new RollupKey(tenantId, minute.truncatedTo(ChronoUnit.HOURS), apiId, applicationId, statusClass);
        }

        @Override
        public int compareTo(RollupKey other) {
            int order = tenantId.compareTo(other.tenantId);
            if (order == 0) order = minute.compareTo(other.minute);
            if (order == 0) order = apiId.compareTo(other.apiId);
            if (order == 0) order = applicationId.compareTo(other.applicationId);
            return order != 0 ? order : Integer.compare(statusClass, other.statusClass);
        }

        private static String nullToEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    private static final class Rollup {
        long requests;
        long errors;
        long requestBytes;
        long responseBytes;
        long latencySumMicros;
        final long[] buckets = new long[LatencyHistogram.BUCKETS];

        void add(UsageEvent event) {
            requests++;
            if (event.status() >= 400) {
                errors++;
            }
            requestBytes += event.requestBytes();
            responseBytes += event.responseBytes();
            latencySumMicros += event.latencyMicros();
            buckets[LatencyHistogram.bucketOf(event.latencyMicros())]++;
        }

        void add(UsageAggregate aggregate) {
            requests += aggregate.requests();
            errors += aggregate.errors();
            requestBytes += aggregate.requestBytes();
            responseBytes += aggregate.responseBytes();
            latencySumMicros += aggregate.latencySumMicros();
            long[] counts = aggregate.latencyBuckets();
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += counts[i];
            }
        }

        void merge(Rollup other) {
            requests += other.requests;
            errors += other.errors;
            requestBytes += other.requestBytes;
            responseBytes += other.responseBytes;
            latencySumMicros += other.latencySumMicros;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += other.buckets[i];
            }
        }

        Long[] boxedBuckets() {
            Long[] boxed = new Long[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                boxed[i] = buckets[i];
            }
            return boxed;
        }
    }
}
