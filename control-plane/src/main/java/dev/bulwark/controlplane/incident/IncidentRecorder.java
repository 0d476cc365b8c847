package dev.bulwark.controlplane.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.kernel.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a window that reached its detector's threshold into an incident: adds to the group's
 * active incident, reopens the group's recently resolved one, or opens a new one, and writes the
 * detection (counts and sample events) to the timeline. Runs inside the detector's transaction.
 * <p>Hand SQL: part of the detector's bulk path; row locks keep concurrent replicas consistent.
 */
final class IncidentRecorder {
    /** A window's totals (events and distinct values) and the detector's measure before and after the batch. */
    record Counted(long events, long distinct, long measureBefore, long measureAfter) {
    }

    /** What happened to an incident: {@code opened}, {@code reopened} or {@code detected} (a new window crossed again). */
    record Change(UUID incidentId, UUID tenantId, Detector detector, String kind, Severity severity) {
    }

    private static final String ACTIVE = """
            SELECT id, severity FROM incident
            WHERE tenant_id = ? AND detector = ? AND api_id = ? AND subject = ? AND status <> 'resolved' FOR UPDATE""";
    private static final String RECENTLY_RESOLVED = """
            SELECT id, severity FROM incident
            WHERE tenant_id = ? AND detector = ? AND api_id = ? AND subject = ? AND status = 'resolved' AND resolved_at >= ?
            ORDER BY resolved_at DESC LIMIT 1 FOR UPDATE""";
    private static final String ADD = """
            UPDATE incident SET event_count = event_count + ?, last_seen = greatest(last_seen, ?), severity = ?
            WHERE id = ?""";
    private static final String REOPEN = """
            UPDATE incident SET status = 'open', resolved_at = NULL, acknowledged_at = NULL, reopen_count = reopen_count + 1,
                event_count = event_count + ?, last_seen = greatest(last_seen, ?), severity = ?, summary = ?
            WHERE id = ?""";
    private static final String OPEN = """
            INSERT INTO incident (id, tenant_id, detector, api_id, subject, subject_kind, application_id, severity, status,
                event_count, first_seen, last_seen, opened_at, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)""";
    private static final String TIMELINE = """
            INSERT INTO incident_timeline (id, tenant_id, incident_id, at, kind, actor, event_count, detail)
            VALUES (?, ?, ?, ?, ?, NULL, ?, ?::jsonb)""";

    private final ObjectMapper json = new ObjectMapper();
    private final Duration reopenWithin;
    private final Clock clock;

    IncidentRecorder(Duration reopenWithin, Clock clock) {
        this.reopenWithin = reopenWithin;
        this.clock = clock;
    }

    Optional<Change> record(Connection connection, Tally.Key key, Tally tally, Counted counted) throws SQLException {
        int threshold = tally.settings.threshold();
        // Strictly above: the threshold itself is still normal traffic.
        if (counted.measureAfter() <= threshold) {
            return Optional.empty();
        }
        boolean crossed = counted.measureBefore() <= threshold;
        // The crossing brings the whole window's events into the incident; later batches add their own.
        long added = crossed ? counted.events() : tally.events;
        Severity severity = Severity.of(key.detector(), counted.measureAfter(), threshold);
        Optional<Existing> active = find(connection, ACTIVE, key, null);
        if (active.isPresent()) {
            try (PreparedStatement update = connection.prepareStatement(ADD)) {
                update.setLong(1, added);
                update.setTimestamp(2, Timestamp.from(tally.last));
                update.setString(3, active.get().severity().max(severity).label());
                update.setObject(4, active.get().id());
                update.executeUpdate();
            }
            if (!crossed) {
                return Optional.empty();
            }
            timeline(connection, key, active.get().id(), "detected", counted, tally);
            return Optional.of(new Change(active.get().id(), key.tenantId(), key.detector(), "detected", severity));
        }
        Instant now = clock.instant();
        Optional<Existing> resolved = find(connection, RECENTLY_RESOLVED, key, now.minus(reopenWithin));
        if (resolved.isPresent()) {
            try (PreparedStatement update = connection.prepareStatement(REOPEN)) {
                update.setLong(1, added);
                update.setTimestamp(2, Timestamp.from(tally.last));
                update.setString(3, resolved.get().severity().max(severity).label());
                update.setString(4, summary(key, tally, counted));
                update.setObject(5, resolved.get().id());
                update.executeUpdate();
            }
            timeline(connection, key, resolved.get().id(), "reopened", counted, tally);
            return Optional.of(new Change(resolved.get().id(), key.tenantId(), key.detector(), "reopened", severity));
        }
        UUID id = Ids.next();
        try (PreparedStatement insert = connection.prepareStatement(OPEN)) {
            insert.setObject(1, id);
            insert.setObject(2, key.tenantId());
            insert.setString(3, key.detector().label());
            insert.setString(4, key.apiId());
            insert.setString(5, key.subject());
            insert.setString(6, tally.subjectKind);
            insert.setString(7, tally.applicationId);
            insert.setString(8, severity.label());
            insert.setLong(9, counted.events());
            insert.setTimestamp(10, Timestamp.from(key.windowStart().isAfter(tally.first) ? tally.first : key.windowStart()));
            insert.setTimestamp(11, Timestamp.from(tally.last));
            insert.setTimestamp(12, Timestamp.from(now));
            insert.setString(13, summary(key, tally, counted));
            insert.executeUpdate();
        }
        timeline(connection, key, id, "opened", counted, tally);
        return Optional.of(new Change(id, key.tenantId(), key.detector(), "opened", severity));
    }

    private record Existing(UUID id, Severity severity) {
    }

    private static Optional<Existing> find(Connection connection, String sql, Tally.Key key, Instant since) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, key.tenantId());
            query.setString(2, key.detector().label());
            query.setString(3, key.apiId());
            query.setString(4, key.subject());
            if (since != null) {
                query.setTimestamp(5, Timestamp.from(since));
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Existing(row.getObject(1, UUID.class), Severity.parse(row.getString(2))))
                        : Optional.empty();
            }
        }
    }

    private void timeline(Connection connection, Tally.Key key, UUID incident, String kind, Counted counted, Tally tally)
            throws SQLException {
        Evidence evidence = new Evidence(key.windowStart().toString(), tally.settings.window().toSeconds(),
                tally.settings.threshold(), counted.events(), key.detector().countsDistinct() ? counted.distinct() : null,
                List.copyOf(tally.samples), tally.baseline, tally.endpoints.isEmpty() ? null : List.copyOf(tally.endpoints),
                tally.refusedEndpoints.isEmpty() ? null : List.copyOf(tally.refusedEndpoints));
        try (PreparedStatement insert = connection.prepareStatement(TIMELINE)) {
            insert.setObject(1, Ids.next());
            insert.setObject(2, key.tenantId());
            insert.setObject(3, incident);
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            insert.setString(5, kind);
            insert.setLong(6, counted.events());
            insert.setString(7, json.writeValueAsString(new TimelineDetail(evidence, null)));
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(Tally.Key key, Tally tally) {
        return (Detector.API_KEY.equals(tally.subjectKind) ? "key " : "") + key.subject();
    }

    /** One line a person reads first; names no credential or value. */
    static String summary(Tally.Key key, Tally tally, Counted counted) {
        long seconds = tally.settings.window().toSeconds();
        String on = key.apiId().isEmpty() ? "" : " on API " + key.apiId();
        String what = switch (key.detector()) {
            case CREDENTIAL_STUFFING -> counted.events() + " authentication failures from " + key.subject() + on;
            case KEY_GUESSING -> counted.events() + " authentication failures from " + counted.distinct()
                    + " client addresses against API " + key.apiId();
            case ENUMERATION -> counted.distinct() + " distinct object paths refused for " + key.subject() + on;
            case INJECTION_BURST -> counted.events() + " injection attempts from " + key.subject() + on;
            case CONTRACT_VIOLATION_BURST -> counted.events() + " contract violations from " + key.subject() + on;
            case DATA_EXPOSURE -> counted.events() + " responses beyond the contract from API " + key.apiId();
            case REQUEST_RATE_ANOMALY, ERROR_RATE_ANOMALY -> counted.events()
                    + (key.detector() == Detector.REQUEST_RATE_ANOMALY ? " requests" : " failed requests")
                    + (Detector.API_KEY.equals(tally.subjectKind) ? " with key " + key.subject() + on : " on API " + key.apiId())
                    + (tally.baseline == null ? "" : ", usually about " + Math.round(tally.baseline.mean()));
            case OBJECT_ENUMERATION -> counted.distinct() + " distinct objects answered 403/404 by the upstream ("
                    + counted.events() + " requests to object operations) for " + subject(key, tally) + on;
            case SCRAPING -> counted.events() + " requests to operations returning personal data from " + subject(key, tally) + on;
            case SHADOW_ENDPOINT -> counted.events() + " requests to paths API " + key.apiId() + " does not declare";
        };
        return what + " within " + seconds + " s";
    }
}
