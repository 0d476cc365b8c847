package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.controlplane.usage.DeliveredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The anomaly detectors over the gateways' usage aggregates: per API and per API key, requests and
 * failed requests per window are compared with a learned {@link Baseline}; a window strictly above
 * the baseline's limit (and above the detector's threshold, the least volume that can be anomalous)
 * goes to the {@link IncidentRecorder} like any other crossing. Runs inside the detector's
 * transaction; baselines live in {@code incident_baseline}, so restarts and replicas continue them.
 * <p>Hand SQL: one locked read-modify-write per group, groups in a fixed order so replicas cannot deadlock.
 */
final class Baselines {
    private static final String CREATE = """
            INSERT INTO incident_baseline (tenant_id, detector, api_id, subject, bucket_start, bucket_value, mean, variance, samples)
            VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0) ON CONFLICT DO NOTHING""";
    private static final String LOCK = """
            SELECT bucket_start, bucket_value, mean, variance, samples FROM incident_baseline
            WHERE tenant_id = ? AND detector = ? AND api_id = ? AND subject = ? FOR UPDATE""";
    private static final String SAVE = """
            UPDATE incident_baseline SET bucket_start = ?, bucket_value = ?, mean = ?, variance = ?, samples = ?
            WHERE tenant_id = ? AND detector = ? AND api_id = ? AND subject = ?""";
    /** A group idle this long starts learning again. */
    static final Duration RETENTION = Duration.ofDays(7);

    private final IncidentRecorder recorder;

    Baselines(IncidentRecorder recorder) {
        this.recorder = recorder;
    }

    private static final Comparator<Tally.Key> ORDER = Comparator.comparing((Tally.Key key) -> key.tenantId())
            .thenComparing(key -> key.detector().label()).thenComparing(Tally.Key::apiId).thenComparing(Tally.Key::subject)
            .thenComparing(Tally.Key::windowStart);

    List<IncidentRecorder.Change> observe(Connection connection, List<DeliveredEvent> usage,
                                          Map<UUID, Map<Detector, DetectorSettings>> perTenant) throws SQLException {
        Map<Tally.Key, Tally> tallies = new LinkedHashMap<>();
        for (DeliveredEvent delivered : usage) {
            if (!(delivered.event() instanceof UsageAggregate aggregate) || aggregate.apiId() == null) {
                continue;
            }
            for (Detector detector : List.of(Detector.REQUEST_RATE_ANOMALY, Detector.ERROR_RATE_ANOMALY)) {
                DetectorSettings settings = perTenant.get(delivered.tenantId()).get(detector);
                if (!settings.enabled()) {
                    continue;
                }
                long value = detector == Detector.REQUEST_RATE_ANOMALY ? aggregate.requests() : aggregate.errors();
                Instant window = settings.windowStart(aggregate.lastAt());
                tally(tallies, new Tally.Key(delivered.tenantId(), detector, aggregate.apiId(), aggregate.apiId(), window),
                        Detector.API, settings).add(aggregate.minute(), aggregate.lastAt(), aggregate.applicationId(), value);
                if (aggregate.keyId() != null) {
                    tally(tallies, new Tally.Key(delivered.tenantId(), detector, aggregate.apiId(), aggregate.keyId(), window),
                            Detector.API_KEY, settings).add(aggregate.minute(), aggregate.lastAt(), aggregate.applicationId(), value);
                }
            }
        }
        List<Tally.Key> keys = new ArrayList<>(tallies.keySet());
        keys.sort(ORDER);
        List<IncidentRecorder.Change> changes = new ArrayList<>();
        for (Tally.Key key : keys) {
            compare(connection, key, tallies.get(key)).ifPresent(changes::add);
        }
        return changes;
    }

    private static Tally tally(Map<Tally.Key, Tally> tallies, Tally.Key key, String subjectKind, DetectorSettings settings) {
        return tallies.computeIfAbsent(key, k -> new Tally(subjectKind, settings));
    }

    /** Adds the tally to its group's baseline and records a crossing of the baseline's limit. */
    private Optional<IncidentRecorder.Change> compare(Connection connection, Tally.Key key, Tally tally) throws SQLException {
        Baseline before = lock(connection, key);
        Baseline after = before.add(key.windowStart(), tally.events, tally.settings.window());
        if (after != before) {
            save(connection, key, after);
        }
        if (after.learning() || after == before || tally.events == 0) {
            return Optional.empty();
        }
        long limit = after.limit(tally.settings.threshold());
        // The recorder sees the baseline's limit as this window's threshold (constant within a window).
        Tally judged = new Tally(tally.subjectKind, new DetectorSettings(key.detector(), true,
                (int) Math.min(Integer.MAX_VALUE, limit), tally.settings.window()));
        judged.add(tally.first, tally.last, tally.applicationId, tally.events);
        judged.baseline = new Evidence.BaselineSeen(round(after.mean()), round(Math.sqrt(after.variance())), after.samples());
        return recorder.record(connection, key, judged, new IncidentRecorder.Counted(after.bucketValue(), 0,
                after.bucketValue() - tally.events, after.bucketValue()));
    }

    private static Baseline lock(Connection connection, Tally.Key key) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            bind(create, key, 1);
            create.setTimestamp(5, Timestamp.from(key.windowStart()));
            create.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement(LOCK)) {
            bind(query, key, 1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Baseline(row.getTimestamp(1).toInstant(), row.getLong(2), row.getDouble(3), row.getDouble(4),
                        row.getInt(5));
            }
        }
    }

    private static void save(Connection connection, Tally.Key key, Baseline baseline) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SAVE)) {
            update.setTimestamp(1, Timestamp.from(baseline.bucketStart()));
            update.setLong(2, baseline.bucketValue());
            update.setDouble(3, baseline.mean());
            update.setDouble(4, baseline.variance());
            update.setInt(5, baseline.samples());
            bind(update, key, 6);
            update.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Tally.Key key, int from) throws SQLException {
        statement.setObject(from, key.tenantId());
        statement.setString(from + 1, key.detector().label());
        statement.setString(from + 2, key.apiId());
        statement.setString(from + 3, key.subject());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
