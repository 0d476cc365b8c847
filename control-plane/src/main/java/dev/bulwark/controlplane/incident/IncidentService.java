package dev.bulwark.controlplane.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Triage of incidents: list, read, acknowledge, resolve, assign and annotate; every change audited. */
@Singleton
public class IncidentService {
    static final int MAX_NOTE = 2000;
    static final int MAX_ASSIGNEE = 254;
    private static final UUID LAST = new UUID(-1L, -1L);

    /** Filters of the list; null or blank means "any". */
    public record Filter(String status, String detector, String severity, String apiId) {
    }

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final TransactionOperations<Connection> transactions;
    private final AuditTrail auditTrail;
    private final ObjectMapper json = new ObjectMapper();

    IncidentService(IncidentRepository incidents, TimelineRepository timeline, TransactionOperations<Connection> transactions,
                    AuditTrail auditTrail) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.transactions = transactions;
        this.auditTrail = auditTrail;
    }

    public Page<IncidentView> list(TenantId tenant, Filter filter, int limit, UUID before) {
        List<IncidentRow> rows = transactions.executeRead(status -> incidents.page(tenant, before == null ? LAST : before,
                blank(filter.status()), blank(filter.detector()), blank(filter.severity()), blank(filter.apiId()), limit + 1));
        List<IncidentView> items = rows.stream().limit(limit).map(IncidentView::of).toList();
        return new Page<>(items, rows.size() > limit ? items.get(limit - 1).id().toString() : null);
    }

    public IncidentDetail get(TenantId tenant, UUID id) {
        return transactions.executeRead(status -> new IncidentDetail(IncidentView.of(require(tenant, id)),
                timeline.list(tenant, id).stream().map(this::entry).toList()));
    }

    public IncidentCounts counts(TenantId tenant, Instant since) {
        List<String> pairs = transactions.executeRead(status -> incidents.statusesAndSeverities(tenant, since));
        long open = 0;
        long acknowledged = 0;
        long resolved = 0;
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity.label(), 0L);
        }
        for (String pair : pairs) {
            String[] parts = pair.split(":", 2);
            switch (parts[0]) {
                case "open" -> open++;
                case "acknowledged" -> acknowledged++;
                default -> resolved++;
            }
            if (!parts[0].equals("resolved")) {
                bySeverity.merge(parts[1], 1L, Long::sum);
            }
        }
        return new IncidentCounts(open, acknowledged, resolved, bySeverity);
    }

    /** Open → acknowledged; acknowledging an acknowledged incident changes nothing; a resolved one is refused. */
    public IncidentView acknowledge(Principal actor, UUID id) {
        return transactions.executeWrite(status -> {
            IncidentRow before = require(actor.tenantId(), id);
            if (before.status().equals("acknowledged")) {
                return IncidentView.of(before);
            }
            if (before.status().equals("resolved")) {
                throw ProblemException.conflict("INCIDENT_RESOLVED", "A resolved incident cannot be acknowledged");
            }
            Instant now = now();
            incidents.updateStatus(actor.tenantId(), id, "acknowledged", now, null);
            return changed(actor, before, "acknowledged", "incident.acknowledge", now, null);
        });
    }

    /** Open or acknowledged → resolved; it reopens by itself when its detector fires again for the same group. */
    public IncidentView resolve(Principal actor, UUID id) {
        return transactions.executeWrite(status -> {
            IncidentRow before = require(actor.tenantId(), id);
            if (before.status().equals("resolved")) {
                return IncidentView.of(before);
            }
            Instant now = now();
            incidents.updateStatus(actor.tenantId(), id, "resolved", before.acknowledgedAt(), now);
            return changed(actor, before, "resolved", "incident.resolve", now, null);
        });
    }

    /** Sets (or, with null, clears) who works on the incident. */
    public IncidentView assign(Principal actor, UUID id, String assignee) {
        String who = assignee == null || assignee.isBlank() ? null : assignee.strip();
        if (who != null && (who.length() > MAX_ASSIGNEE || who.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.invalid("assignee", "assignee must be at most " + MAX_ASSIGNEE + " printable characters");
        }
        return transactions.executeWrite(status -> {
            IncidentRow before = require(actor.tenantId(), id);
            incidents.updateAssignee(actor.tenantId(), id, who);
            return changed(actor, before, "assigned", "incident.assign", now(), who == null ? "unassigned" : "assigned to " + who);
        });
    }

    public IncidentDetail.Entry note(Principal actor, UUID id, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("text", "text is required");
        }
        if (text.length() > MAX_NOTE) {
            throw ProblemException.invalid("text", "text must be at most " + MAX_NOTE + " characters");
        }
        return transactions.executeWrite(status -> {
            require(actor.tenantId(), id);
            UUID entry = Ids.next();
            Instant now = now();
            timeline.add(entry, actor.tenantId(), id, now, "note", actor.email(), write(new TimelineDetail(null, text.strip())));
            auditTrail.record(actor, "incident.note", "incident", id.toString(), null, Map.of("entryId", entry.toString()));
            return new IncidentDetail.Entry(entry, now, "note", actor.email(), null, null, text.strip());
        });
    }

    /** The incident of the tenant, or empty: for features acting on incidents (alerts, automatic responses). */
    public java.util.Optional<IncidentView> find(TenantId tenant, UUID id) {
        return transactions.executeRead(status -> incidents.findByTenantIdAndId(tenant, id).map(IncidentView::of));
    }

    /** A timeline entry written by Bulwark itself (actor {@code bulwark}), in the caller's transaction. */
    public void recordAutomatic(TenantId tenant, UUID id, String kind, String note) {
        timeline.add(Ids.next(), tenant, id, now(), kind, "bulwark", write(new TimelineDetail(null, note)));
    }

    private IncidentView changed(Principal actor, IncidentRow before, String kind, String action, Instant at, String note) {
        IncidentView after = IncidentView.of(require(actor.tenantId(), before.id()));
        timeline.add(Ids.next(), actor.tenantId(), before.id(), at, kind, actor.email(),
                note == null ? null : write(new TimelineDetail(null, note)));
        auditTrail.record(actor, action, "incident", before.id().toString(), IncidentView.of(before), after);
        return after;
    }

    private IncidentRow require(TenantId tenant, UUID id) {
        return incidents.findByTenantIdAndId(tenant, id).orElseThrow(() -> ProblemException.notFound("Incident"));
    }

    private IncidentDetail.Entry entry(TimelineRow row) {
        TimelineDetail detail = null;
        if (row.detail() != null) {
            try {
                detail = json.readValue(row.detail(), TimelineDetail.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable timeline entry " + row.id(), e);
            }
        }
        return new IncidentDetail.Entry(row.id(), row.at(), row.kind(), row.actor(), row.eventCount(),
                detail == null ? null : detail.evidence(), detail == null ? null : detail.note());
    }

    private String write(TimelineDetail detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
