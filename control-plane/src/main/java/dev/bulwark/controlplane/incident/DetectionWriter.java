package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.controlplane.usage.DeliveredEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the detectors over one batch of security events (and usage aggregates, handed to the
 * {@link Baselines}) inside the caller's transaction: skips
 * deliveries already counted, adds the batch to the per-window counters in PostgreSQL (so state
 * survives restarts and is shared by replicas), and hands every group whose window reached its
 * threshold to the {@link IncidentRecorder}.
 * <p>Hand SQL: a bulk path of upserts that return the window's new totals.
 */
final class DetectionWriter {
    private static final String SEEN = "INSERT INTO incident_seen (delivery_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String SETTINGS = """
            SELECT detector, enabled, threshold, window_seconds FROM incident_detector_setting WHERE tenant_id = ?""";
    private static final String VALUE = """
            INSERT INTO incident_window_value (tenant_id, detector, api_id, subject, window_start, value_hash)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String WINDOW = """
            INSERT INTO incident_window (tenant_id, detector, api_id, subject, window_start, events, distinct_values)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, detector, api_id, subject, window_start) DO UPDATE
            SET events = incident_window.events + EXCLUDED.events,
                distinct_values = incident_window.distinct_values + EXCLUDED.distinct_values
            RETURNING events, distinct_values""";
    /** Counters outlive the longest window allowed (a day) with a margin; delivery ids the redelivery horizon. */
    private static final Duration WINDOW_RETENTION = Duration.ofDays(2);
    private static final Duration SEEN_RETENTION = Duration.ofHours(1);

    private final IncidentSettings settings;
    private final IncidentRecorder recorder;
    private final Baselines baselines;
    private final EndpointDetectors endpointDetectors;
    private final Clock clock;

    DetectionWriter(IncidentSettings settings, IncidentRecorder recorder, Clock clock, EndpointDetectors.PersonalData personalData) {
        this.settings = settings;
        this.recorder = recorder;
        this.baselines = new Baselines(recorder);
        this.endpointDetectors = new EndpointDetectors(personalData);
        this.clock = clock;
    }

    /** What a batch did: the incidents it opened, reopened or added a detection to; its security events seen first now. */
    record Written(List<IncidentRecorder.Change> changes, List<DeliveredEvent> security) {
    }

    Written write(Connection connection, List<DeliveredEvent> batch) throws SQLException {
        List<DeliveredEvent> fresh = unseen(connection, batch);
        Map<UUID, Map<Detector, DetectorSettings>> perTenant = new HashMap<>();
        Map<Tally.Key, Tally> tallies = new LinkedHashMap<>();
        List<DeliveredEvent> usage = new ArrayList<>();
        List<DeliveredEvent> security = new ArrayList<>();
        List<DeliveredEvent> endpoints = new ArrayList<>();
        for (DeliveredEvent delivered : fresh) {
            Map<Detector, DetectorSettings> tenantSettings = perTenant.get(delivered.tenantId());
            if (tenantSettings == null) {
                tenantSettings = load(connection, delivered.tenantId());
                perTenant.put(delivered.tenantId(), tenantSettings);
            }
            if (delivered.event() instanceof EndpointAggregate) {
                endpoints.add(delivered);
                continue;
            }
            if (!(delivered.event() instanceof SecurityEvent)) {
                usage.add(delivered);
                continue;
            }
            security.add(delivered);
            for (DetectorSettings detector : tenantSettings.values()) {
                if (!detector.enabled()) {
                    continue;
                }
                detector.detector().observe(delivered.security()).ifPresent(seen -> tallies.computeIfAbsent(
                                new Tally.Key(delivered.tenantId(), seen.detector(), seen.apiId(), seen.subject(),
                                        detector.windowStart(delivered.security().at())),
                                key -> new Tally(seen.subjectKind(), detector))
                        .add(delivered.security(), seen.distinctValue(), settings.samplesPerWindow()));
            }
        }
        endpointDetectors.observe(endpoints, perTenant, tallies);
        List<IncidentRecorder.Change> changes = new ArrayList<>();
        for (Map.Entry<Tally.Key, Tally> entry : tallies.entrySet()) {
            recorder.record(connection, entry.getKey(), entry.getValue(), count(connection, entry.getKey(), entry.getValue()))
                    .ifPresent(changes::add);
        }
        changes.addAll(baselines.observe(connection, usage, perTenant));
        return new Written(changes, security);
    }

    /** Deletes counters and delivery ids no detection can need any more. */
    void purge(Connection connection) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement windows = connection.prepareStatement("DELETE FROM incident_window WHERE window_start < ?");
             PreparedStatement values = connection.prepareStatement("DELETE FROM incident_window_value WHERE window_start < ?");
             PreparedStatement seen = connection.prepareStatement("DELETE FROM incident_seen WHERE seen_at < ?");
             PreparedStatement idle = connection.prepareStatement("DELETE FROM incident_baseline WHERE bucket_start < ?")) {
            windows.setTimestamp(1, Timestamp.from(now.minus(WINDOW_RETENTION)));
            windows.executeUpdate();
            values.setTimestamp(1, Timestamp.from(now.minus(WINDOW_RETENTION)));
            values.executeUpdate();
            seen.setTimestamp(1, Timestamp.from(now.minus(SEEN_RETENTION)));
            seen.executeUpdate();
            idle.setTimestamp(1, Timestamp.from(now.minus(Baselines.RETENTION)));
            idle.executeUpdate();
        }
    }

    private List<DeliveredEvent> unseen(Connection connection, List<DeliveredEvent> batch) throws SQLException {
        if (batch.isEmpty()) {
            return batch;
        }
        try (PreparedStatement statement = connection.prepareStatement(SEEN)) {
            Timestamp now = Timestamp.from(clock.instant());
            for (DeliveredEvent event : batch) {
                statement.setString(1, event.deliveryId());
                statement.setTimestamp(2, now);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            List<DeliveredEvent> fresh = new ArrayList<>(batch.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    fresh.add(batch.get(i));
                }
            }
            return fresh;
        }
    }

    static Map<Detector, DetectorSettings> load(Connection connection, UUID tenant) throws SQLException {
        Map<Detector, DetectorSettings> effective = new EnumMap<>(Detector.class);
        Arrays.stream(Detector.values()).forEach(d -> effective.put(d, DetectorSettings.defaults(d)));
        try (PreparedStatement query = connection.prepareStatement(SETTINGS)) {
            query.setObject(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String label = rows.getString(1);
                    boolean enabled = rows.getBoolean(2);
                    int threshold = rows.getInt(3);
                    Duration window = Duration.ofSeconds(rows.getInt(4));
                    Detector.parse(label).ifPresent(d -> effective.put(d, new DetectorSettings(d, enabled, threshold, window)));
                }
            }
        }
        return effective;
    }

    /** Adds the tally to its window and returns the window's totals before and after. */
    private IncidentRecorder.Counted count(Connection connection, Tally.Key key, Tally tally) throws SQLException {
        int newValues = 0;
        if (!tally.values.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(VALUE)) {
                for (String value : tally.values) {
                    bindGroup(statement, key);
                    statement.setBytes(6, hash(value));
                    statement.addBatch();
                }
                for (int inserted : statement.executeBatch()) {
                    newValues += Math.max(inserted, 0);
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(WINDOW)) {
            bindGroup(statement, key);
            statement.setLong(6, tally.events);
            statement.setInt(7, newValues);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long events = row.getLong(1);
                long distinct = row.getLong(2);
                if (key.detector() == Detector.OBJECT_ENUMERATION) {
                    return new IncidentRecorder.Counted(events, distinct,
                            EndpointDetectors.enumerationMeasure(events - tally.events, distinct - newValues),
                            EndpointDetectors.enumerationMeasure(events, distinct));
                }
                long added = key.detector().countsDistinct() ? newValues : tally.events;
                long measure = key.detector().countsDistinct() ? distinct : events;
                return new IncidentRecorder.Counted(events, distinct, measure - added, measure);
            }
        }
    }

    private static void bindGroup(PreparedStatement statement, Tally.Key key) throws SQLException {
        statement.setObject(1, key.tenantId());
        statement.setString(2, key.detector().label());
        statement.setString(3, key.apiId());
        statement.setString(4, key.subject());
        statement.setTimestamp(5, Timestamp.from(key.windowStart()));
    }

    /** Values (object paths) are kept only as truncated SHA-256: enough to count distinct ones. */
    private static byte[] hash(String value) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
