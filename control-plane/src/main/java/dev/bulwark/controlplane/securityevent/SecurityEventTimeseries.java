package dev.bulwark.controlplane.securityevent;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.controlplane.kernel.Granularity;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Security events counted per time bucket and type, for the dashboard's rejection charts. Reads the
 * raw, day-partitioned table: the range is bounded by the granularity's point limit (so at most ~400
 * daily partitions are touched), and the tenant + time prefix of the primary key, or the api /
 * application indexes, serve the scan.
 * <p>Hand SQL: time-bucket aggregates (date_trunc, GROUP BY) over the day-partitioned event table.
 */
@Singleton
public class SecurityEventTimeseries {
    private final TransactionOperations<Connection> transactions;

    public SecurityEventTimeseries(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Optional narrowing inside the tenant; null means "all". */
    public record Filter(String apiId, String applicationId) {
    }

    /** One bucket: {@code counts} has every type's wire label, zero included, so charts need no gap filling. */
    public record Point(Instant t, Map<String, Long> counts, long total) {
    }

    public record Series(Instant from, Instant to, String granularity, List<String> types, List<Point> points) {
    }

    public Series count(TenantId tenant, Filter filter, TimeRange requested, Granularity granularity) {
        TimeRange range = granularity.align(requested);
        // The date_trunc field comes from the enum, never from request text.
        String sql = "SELECT date_trunc('" + granularity.field() + "', occurred_at, 'UTC'), type, count(*)"
                + " FROM security_event WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?"
                + " AND (?::text IS NULL OR api_id = ?) AND (?::text IS NULL OR application_id = ?)"
                + " GROUP BY 1, 2";
        Map<Instant, Map<String, Long>> found = transactions.executeRead(status -> {
            Map<Instant, Map<String, Long>> rows = new HashMap<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(sql)) {
                query.setObject(1, tenant.value());
                query.setTimestamp(2, Timestamp.from(range.from()));
                query.setTimestamp(3, Timestamp.from(range.to()));
                query.setString(4, filter.apiId());
                query.setString(5, filter.apiId());
                query.setString(6, filter.applicationId());
                query.setString(7, filter.applicationId());
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.computeIfAbsent(result.getTimestamp(1).toInstant(), t -> new HashMap<>())
                                .merge(result.getString(2), result.getLong(3), Long::sum);
                    }
                }
            }
            return rows;
        });
        List<String> types = Arrays.stream(SecurityEventType.values()).map(SecurityEventTypes::label).toList();
        List<Point> points = new ArrayList<>();
        for (Instant t = range.from(); t.isBefore(range.to()); t = t.plus(granularity.step())) {
            Map<String, Long> stored = found.getOrDefault(t, Map.of());
            Map<String, Long> counts = new LinkedHashMap<>();
            long total = 0;
            for (String type : types) {
                long count = stored.getOrDefault(type, 0L);
                counts.put(type, count);
                total += count;
            }
            points.add(new Point(t, counts, total));
        }
        return new Series(range.from(), range.to(), granularity.field(), types, points);
    }
}
