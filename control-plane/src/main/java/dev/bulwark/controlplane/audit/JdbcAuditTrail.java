package dev.bulwark.controlplane.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequestIds;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.web.ClientAddressFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Appends to a tenant's hash chain in the caller's transaction. The chain head row is locked
 * ({@code SELECT ... FOR UPDATE}) for the rest of the transaction, so concurrent appends in one
 * tenant are serialised and sequence numbers have no gaps; other tenants are not blocked. The
 * source address and request id come from the HTTP request being served, when there is one.
 * <p>Hand SQL: the audit hash chain (locked head row, gap-free sequence, hash of the previous entry) is
 * written as one unit.
 */
@Singleton
public class JdbcAuditTrail implements AuditTrail {
    private final Sql sql;
    private final ObjectMapper mapper;

    public JdbcAuditTrail(Sql sql, ObjectMapper mapper) {
        this.sql = sql;
        this.mapper = mapper;
    }

    @Override
    @Transactional
    public void record(Principal actor, String action, String resourceType, String resourceId, Object before, Object after) {
        append(actor.tenantId(), actor.userId(), actor.email(), action, resourceType, resourceId, before, after);
    }

    @Transactional
    public AuditEvent append(TenantId tenant, UUID actorId, String actorEmail, String action, String resourceType,
                             String resourceId, Object before, Object after) {
        sql.update("INSERT INTO audit_chain_head (tenant_id, last_seq, last_hash) VALUES (?, 0, ?) ON CONFLICT (tenant_id) DO NOTHING",
                tenant, AuditHash.GENESIS);
        record Head(long seq, String hash) {
        }
        Head head = sql.one("SELECT last_seq, last_hash FROM audit_chain_head WHERE tenant_id = ? FOR UPDATE",
                row -> new Head(row.getLong("last_seq"), row.getString("last_hash")), tenant).orElseThrow();
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        AuditEvent unsigned = new AuditEvent(UUID.randomUUID(), head.seq() + 1, Instant.now().truncatedTo(ChronoUnit.MICROS),
                new AuditEvent.Actor(actorId, actorEmail), action, resourceType, resourceId, snapshot(before), snapshot(after),
                request.map(ClientAddressFilter::of).orElse(null), request.map(RequestIds::of).orElse(null), head.hash(), null);
        String hash = AuditHash.of(tenant, unsigned);
        sql.update("""
                INSERT INTO audit_event (tenant_id, seq, id, occurred_at, actor_user_id, actor_email, action, resource_type,
                    resource_id, before, after, source_ip, request_id, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""",
                tenant, unsigned.seq(), unsigned.id(), unsigned.occurredAt(), actorId, actorEmail, action, resourceType, resourceId,
                text(unsigned.before()), text(unsigned.after()), unsigned.sourceIp(), unsigned.requestId(), head.hash(), hash);
        sql.update("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE tenant_id = ?", unsigned.seq(), hash, tenant);
        return new AuditEvent(unsigned.id(), unsigned.seq(), unsigned.occurredAt(), unsigned.actor(), action, resourceType, resourceId,
                unsigned.before(), unsigned.after(), unsigned.sourceIp(), unsigned.requestId(), head.hash(), hash);
    }

    /** The value as JSON, secrets removed, in the number form that survives jsonb. */
    private JsonNode snapshot(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Redaction.redact(CanonicalJson.parse(mapper.writeValueAsString(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit snapshot is not serialisable: " + value.getClass().getName(), e);
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : CanonicalJson.write(node);
    }

}
