package dev.bulwark.controlplane.automation;

import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Automation tokens. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AutomationTokenRepository extends GenericRepository<AutomationTokenRow, UUID> {

    void insert(AutomationTokenRow row);

    @CrossTenant("a presented token names no tenant: its digest is what finds the token and its tenant")
    @Query("""
            SELECT * FROM automation_token
            WHERE token_hash = :tokenHash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""")
    Optional<AutomationTokenRow> findUsable(String tokenHash);

    // At most one write a minute per token, not one per request.
    @Query("""
            UPDATE automation_token SET last_used_at = now() WHERE tenant_id = :tenantId AND id = :id
            AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
    int touch(TenantId tenantId, UUID id);

    @Query("SELECT * FROM automation_token WHERE tenant_id = :tenantId ORDER BY created_at, id")
    List<AutomationTokenRow> list(TenantId tenantId);

    Optional<AutomationTokenRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    @Query("UPDATE automation_token SET revoked_at = now() WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL")
    int revoke(TenantId tenantId, UUID id);
}
