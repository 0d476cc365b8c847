package dev.bulwark.controlplane.incident.response;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.incident.response.ResponseViews.ResponseView;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.snapshot.SnapshotRestrictions;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The responses in force, as the snapshot compiler reads them (a response counts until it expires or
 * is lifted, whatever the expiry job has seen yet), and the tenant's list of them.
 */
@Singleton
class ActiveResponses implements SnapshotRestrictions {
    private static final String COLUMNS = "id, incident_id, detector, action, target, created_at, expires_at, lifted_at, lifted_by";

    private final Sql sql;
    private final AuditTrail audit;

    ActiveResponses(Sql sql, AuditTrail audit) {
        this.sql = sql;
        this.audit = audit;
    }

    @Override
    public Map<String, List<String>> blockedAddresses(Instant now) {
        Map<String, List<String>> blocked = new TreeMap<>();
        sql.list("SELECT DISTINCT tenant_id, target FROM incident_response WHERE action = 'block-address' AND lifted_at IS NULL"
                        + " AND expires_at > ? ORDER BY tenant_id, target",
                row -> blocked.computeIfAbsent(row.getObject("tenant_id", UUID.class).toString(), t -> new ArrayList<>())
                        .add(row.getString("target")), now);
        return blocked;
    }

    @Override
    public Set<String> suspendedApplications(Instant now) {
        return new HashSet<>(sql.list("SELECT DISTINCT target FROM incident_response WHERE action = 'suspend-application'"
                + " AND lifted_at IS NULL AND expires_at > ?", row -> row.getString("target"), now));
    }

    /** Newest first; {@code activeOnly} keeps those in force. */
    @Transactional(readOnly = true)
    List<ResponseView> list(TenantId tenant, boolean activeOnly, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM incident_response WHERE tenant_id = ?"
                + (activeOnly ? " AND lifted_at IS NULL AND expires_at > now()" : "") + " ORDER BY id DESC LIMIT ?",
                ActiveResponses::view, tenant, limit);
    }

    /** Ends a response before its time; lifting one that already ended changes nothing. */
    @Transactional
    ResponseView lift(Principal actor, UUID id) {
        ResponseView before = sql.one("SELECT " + COLUMNS + " FROM incident_response WHERE tenant_id = ? AND id = ? FOR UPDATE",
                ActiveResponses::view, actor.tenantId(), id).orElseThrow(() -> ProblemException.notFound("Incident response"));
        if (!before.active()) {
            return before;
        }
        sql.update("UPDATE incident_response SET lifted_at = now(), lifted_by = ? WHERE tenant_id = ? AND id = ?",
                actor.email(), actor.tenantId(), id);
        ResponseView after = sql.one("SELECT " + COLUMNS + " FROM incident_response WHERE tenant_id = ? AND id = ?",
                ActiveResponses::view, actor.tenantId(), id).orElseThrow();
        audit.record(actor, "incident-response.lift", "incident-response", id.toString(), before, after);
        return after;
    }

    static ResponseView view(ResultSet row) throws SQLException {
        Instant expires = Sql.instant(row, "expires_at");
        Instant lifted = Sql.instant(row, "lifted_at");
        return new ResponseView(Sql.uuid(row, "id"), Sql.uuid(row, "incident_id"), row.getString("detector"),
                row.getString("action"), row.getString("target"), Sql.instant(row, "created_at"), expires, lifted,
                row.getString("lifted_by"), lifted == null && expires.isAfter(Instant.now()));
    }
}
