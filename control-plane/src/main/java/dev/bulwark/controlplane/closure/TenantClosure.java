package dev.bulwark.controlplane.closure;

import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.keycloak.RealmProvisioning;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Closing a tenant, soft and in one transaction: the tenant row is marked closed with the date its
 * data may be purged (after the retention period; nothing is deleted now, so a mistaken closure can
 * be undone by an operator), every API key and OAuth client is revoked, the Keycloak realm is handed
 * to the provisioning worker for deletion (the outbox row: Keycloak is never called here), and the
 * closure is audited. Being closed is what the rest reads: sessions and log-ins of its members stop
 * (membership checks), its developer portal answers 404 (slug lookup) and the next snapshot leaves
 * its APIs out, so gateways stop serving them.
 * <p>Hand SQL: the tenant row, locked, always the caller's own.
 */
@Singleton
public class TenantClosure {
    /** What the owner gets back: when it closed and from when its data may be purged. */
    @Introspected
    public record Closed(Instant closedAt, Instant purgeAfter) {
    }

    private final Sql sql;
    private final ApiKeyService keys;
    private final RealmProvisioning realms;
    private final AuditTrail audit;
    private final Duration retention;

    TenantClosure(Sql sql, ApiKeyService keys, RealmProvisioning realms, AuditTrail audit,
                  @Value("${bulwark.tenant.closure-retention:30d}") Duration retention) {
        this.sql = sql;
        this.keys = keys;
        this.realms = realms;
        this.audit = audit;
        this.retention = retention;
    }

    /** @param confirmSlug the tenant's slug, typed by the owner: closing is not a click-through */
    @Transactional
    public Closed close(Principal owner, String confirmSlug) {
        Map.Entry<String, Boolean> tenant = sql.one("SELECT slug, closed_at IS NOT NULL AS closed FROM tenant WHERE id = ? FOR UPDATE",
                        row -> Map.entry(row.getString("slug"), row.getBoolean("closed")), owner.tenantId())
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
        if (confirmSlug == null || !confirmSlug.equals(tenant.getKey())) {
            throw ProblemException.invalid("confirmSlug", "must be the organisation's slug");
        }
        if (tenant.getValue()) {
            throw ProblemException.conflict("TENANT_CLOSED", "The organisation is already closed");
        }
        Instant closedAt = Instant.now();
        Instant purgeAfter = closedAt.plus(retention);
        sql.update("UPDATE tenant SET closed_at = ?, purge_after = ?, version = version + 1 WHERE id = ?",
                Timestamp.from(closedAt), Timestamp.from(purgeAfter), owner.tenantId());
        int revokedKeys = keys.revokeAll(owner.tenantId(), closedAt);
        int revokedClients = realms.tenantClosed(owner.tenantId());
        Closed closed = new Closed(closedAt, purgeAfter);
        audit.record(owner, "tenant.closed", "tenant", owner.tenantId().toString(), null,
                Map.of("purgeAfter", purgeAfter.toString(), "revokedKeys", revokedKeys, "revokedOAuthClients", revokedClients));
        return closed;
    }
}
