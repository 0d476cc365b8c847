package dev.bulwark.controlplane.usage;

import dev.bulwark.controlplane.kernel.Granularity;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rollups for one tenant. Every query is bound to the tenant id first; the API and
 * application filters are optional and narrow within that tenant only. Minute series read
 * {@code usage_minute}; hour and day series, and totals over more than a day, read {@code usage_hour}.
 * <p>Hand SQL: aggregates over the rollup tables (sums per bucket) with optional filters.
 */
@Singleton
public class UsageQueries {
    private static final Duration MINUTE_TOTALS_UP_TO = Duration.ofHours(24);

    /** A rollup table and its time column (constants, never request data). */
    private enum Source {
        MINUTE("usage_minute", "minute"), HOUR("usage_hour", "hour");

        private final String table;
        private final String column;

        Source(String table, String column) {
            this.table = table;
            this.column = column;
        }

        String from() {
            return " FROM " + table + " WHERE tenant_id = ? AND " + column + " >= ? AND " + column + " < ?"
                    + " AND (?::text IS NULL OR api_id = ?) AND (?::text IS NULL OR application_id = ?)";
        }
    }

    private final TransactionOperations<Connection> transactions;

    public UsageQueries(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Optional narrowing inside the tenant; null means "all". */
    public record Filter(String apiId, String applicationId) {
    }

    public UsageViews.Timeseries timeseries(TenantId tenant, Filter filter, TimeRange range, Granularity granularity) {
        TimeRange aligned = granularity.align(range);
        Instant from = aligned.from();
        Instant to = aligned.to();
        long points = (to.getEpochSecond() - from.getEpochSecond()) / granularity.step().toSeconds();
        Source source = granularity == Granularity.MINUTE ? Source.MINUTE : Source.HOUR;
        String sql = "SELECT date_trunc('" + granularity.field() + "', " + source.column + ", 'UTC'), sum(requests), sum(errors),"
                + " sum(request_bytes), sum(response_bytes), sum(latency_sum_micros), bw_sum_buckets(latency_buckets)"
                + source.from() + " GROUP BY 1 ORDER BY 1";
        Map<Instant, UsagePoint> found = transactions.executeRead(status -> {
            Map<Instant, UsagePoint> rows = new HashMap<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(sql)) {
                bind(query, tenant, filter, from, to);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        UsagePoint point = point(result);
                        rows.put(point.t(), point);
                    }
                }
            }
            return rows;
        });
        List<UsagePoint> series = new ArrayList<>((int) points);
        for (Instant t = from; t.isBefore(to); t = t.plus(granularity.step())) {
            series.add(found.getOrDefault(t, UsagePoint.empty(t)));
        }
        return new UsageViews.Timeseries(from, to, granularity.field(), series);
    }

    /**
     * Totals over more than a day come from the hourly table, so the range is widened to whole hours
     * (the response's from/to say which range was counted).
     */
    private static TimeRange totalsRange(TimeRange range) {
        if (Duration.between(range.from(), range.to()).compareTo(MINUTE_TOTALS_UP_TO) <= 0) {
            return range;
        }
        return new TimeRange(Granularity.HOUR.floor(range.from()), Granularity.HOUR.ceil(range.to()));
    }

    private static Source totalsSource(TimeRange requested) {
        return Duration.between(requested.from(), requested.to()).compareTo(MINUTE_TOTALS_UP_TO) <= 0 ? Source.MINUTE : Source.HOUR;
    }

    public UsageViews.TopConsumers topConsumers(TenantId tenant, String apiId, TimeRange requested, int limit) {
        TimeRange range = totalsRange(requested);
        String sql = "SELECT application_id, sum(requests) AS r, sum(errors), sum(request_bytes + response_bytes)"
                + totalsSource(requested).from() + " GROUP BY application_id ORDER BY r DESC, application_id LIMIT ?";
        List<UsageViews.Consumer> items = transactions.executeRead(status -> {
            List<UsageViews.Consumer> rows = new ArrayList<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(sql)) {
                bind(query, tenant, new Filter(apiId, null), range.from(), range.to());
                query.setInt(8, limit);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        String application = result.getString(1);
                        rows.add(new UsageViews.Consumer(application.isEmpty() ? null : application, result.getLong(2),
                                result.getLong(3), result.getLong(4)));
                    }
                }
            }
            return rows;
        });
        return new UsageViews.TopConsumers(range.from(), range.to(), items);
    }

    public UsageViews.StatusBreakdown statusClasses(TenantId tenant, Filter filter, TimeRange requested) {
        TimeRange range = totalsRange(requested);
        String sql = "SELECT status_class, sum(requests)" + totalsSource(requested).from() + " GROUP BY status_class";
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            counts.put(statusClass + "xx", 0L);
        }
        long total = transactions.executeRead(status -> {
            long sum = 0;
            try (PreparedStatement query = status.getConnection().prepareStatement(sql)) {
                bind(query, tenant, filter, range.from(), range.to());
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        counts.put(result.getInt(1) + "xx", result.getLong(2));
                        sum += result.getLong(2);
                    }
                }
            }
            return sum;
        });
        return new UsageViews.StatusBreakdown(range.from(), range.to(), counts, total);
    }

    private static void bind(PreparedStatement query, TenantId tenant, Filter filter, Instant from, Instant to) throws SQLException {
        query.setObject(1, tenant.value());
        query.setTimestamp(2, Timestamp.from(from));
        query.setTimestamp(3, Timestamp.from(to));
        query.setString(4, filter.apiId());
        query.setString(5, filter.apiId());
        query.setString(6, filter.applicationId());
        query.setString(7, filter.applicationId());
    }

    private static UsagePoint point(ResultSet result) throws SQLException {
        Instant t = result.getTimestamp(1).toInstant();
        long requests = result.getLong(2);
        long requestBytes = result.getLong(4);
        long responseBytes = result.getLong(5);
        long latencySum = result.getLong(6);
        Array array = result.getArray(7);
        Long[] boxed = (Long[]) array.getArray();
        long[] buckets = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            buckets[i] = boxed[i] == null ? 0 : boxed[i];
        }
        Double average = requests == 0 ? null : Math.round((double) latencySum / requests) / 1000.0;
        return new UsagePoint(t, requests, result.getLong(3), LatencyHistogram.quantileMillis(buckets, 0.50),
                LatencyHistogram.quantileMillis(buckets, 0.95), LatencyHistogram.quantileMillis(buckets, 0.99), average,
                requestBytes + responseBytes, requestBytes, responseBytes);
    }
}
