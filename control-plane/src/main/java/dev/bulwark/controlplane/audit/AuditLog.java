package dev.bulwark.controlplane.audit;

import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reading a tenant's audit log: filtered pages (newest first) and the full chain for verification.
 * Hand SQL: the audit hash chain is read in sequence order with its hashes, for verification and filtered
 * pages.
 */
@Singleton
public class AuditLog {
    private static final String COLUMNS = """
            SELECT seq, id, occurred_at, actor_user_id, actor_email, action, resource_type, resource_id,
                   before::text AS before_json, after::text AS after_json, source_ip, request_id, prev_hash, hash
            FROM audit_event WHERE tenant_id = ?""";

    private final Sql sql;

    public AuditLog(Sql sql) {
        this.sql = sql;
    }

    public record Filter(@Nullable String action, @Nullable String resourceType, @Nullable String resourceId,
                         @Nullable String actor, @Nullable Instant from, @Nullable Instant to) {
    }

    /** Events with seq below {@code beforeSeq} (or the newest), matching the filter, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEvent> page(TenantId tenant, Filter filter, @Nullable Long beforeSeq, int limit) {
        StringBuilder where = new StringBuilder(COLUMNS);
        List<Object> parameters = new ArrayList<>(List.of(tenant));
        condition(where, parameters, "action = ?", filter.action());
        condition(where, parameters, "resource_type = ?", filter.resourceType());
        condition(where, parameters, "resource_id = ?", filter.resourceId());
        if (filter.actor() != null) {
            UUID actorId = parseUuid(filter.actor());
            if (actorId != null) {
                condition(where, parameters, "actor_user_id = ?", actorId);
            } else {
                condition(where, parameters, "lower(actor_email) = lower(?)", filter.actor());
            }
        }
        condition(where, parameters, "occurred_at >= ?", filter.from());
        condition(where, parameters, "occurred_at < ?", filter.to());
        condition(where, parameters, "seq < ?", beforeSeq);
        where.append(" ORDER BY seq DESC LIMIT ?");
        parameters.add(limit);
        return sql.list(where.toString(), AuditLog::event, parameters.toArray());
    }

    /** Events in chain order from {@code afterSeq}, for verification in batches. */
    @Transactional(readOnly = true)
    public List<AuditEvent> chain(TenantId tenant, long afterSeq, int batch) {
        return sql.list(COLUMNS + " AND seq > ? ORDER BY seq LIMIT ?", AuditLog::event, tenant, afterSeq, batch);
    }

    record Head(long seq, String hash) {
    }

    @Transactional(readOnly = true)
    Head head(TenantId tenant) {
        return sql.one("SELECT last_seq, last_hash FROM audit_chain_head WHERE tenant_id = ?",
                row -> new Head(row.getLong("last_seq"), row.getString("last_hash")), tenant).orElse(new Head(0, AuditHash.GENESIS));
    }

    private static void condition(StringBuilder where, List<Object> parameters, String clause, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            parameters.add(value);
        }
    }

    private static UUID parseUuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(Sql.uuid(row, "id"), row.getLong("seq"), Sql.instant(row, "occurred_at"),
                new AuditEvent.Actor(Sql.uuid(row, "actor_user_id"), row.getString("actor_email")), row.getString("action"),
                row.getString("resource_type"), row.getString("resource_id"), CanonicalJson.parse(row.getString("before_json")),
                CanonicalJson.parse(row.getString("after_json")), row.getString("source_ip"), row.getString("request_id"),
                row.getString("prev_hash"), row.getString("hash"));
    }
}
