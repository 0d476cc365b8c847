package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys. Every method is scoped to one tenant, except {@link #findByLookupId}: a gateway
 * presenting a key does not know its tenant yet, and the lookup id is what tells it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends GenericRepository<ApiKeyRow, UUID> {

    /** 0 when the lookup id is taken (the caller draws a new key): a conflict must not abort the transaction. */
    @Query("""
            INSERT INTO api_key (id, tenant_id, application_id, lookup_id, digest, label, scopes, environment,
                                 expires_at, rotated_from, created_at)
            VALUES (:id, :tenantId, :applicationId, :lookupId, :digest, :label, CAST(:scopes AS jsonb), :environment,
                    :expiresAt, :rotatedFrom, :createdAt)
            ON CONFLICT (lookup_id) DO NOTHING""")
    int insertUnlessTaken(UUID id, TenantId tenantId, UUID applicationId, String lookupId, String digest, String label,
                          List<String> scopes, Environment environment, @Nullable Instant expiresAt,
                          @Nullable UUID rotatedFrom, Instant createdAt);

    Optional<ApiKeyRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    @Query("""
            SELECT * FROM api_key WHERE tenant_id = :tenantId AND application_id = :applicationId AND id > :after
            ORDER BY id LIMIT :limit""")
    List<ApiKeyRow> page(TenantId tenantId, UUID applicationId, UUID after, int limit);

    @CrossTenant("a presented key names no tenant: its lookup id is what finds the tenant")
    Optional<ApiKeyRow> findByLookupId(String lookupId);

    /** Ends a key's validity no later than {@code at}; never extends it. */
    @Query("""
            UPDATE api_key SET expires_at = LEAST(coalesce(expires_at, :at), :at), version = version + 1
            WHERE tenant_id = :tenantId AND id = :id""")
    void expireBy(TenantId tenantId, UUID id, Instant at);

    /** 1 when this call revoked it; 0 when it already was. */
    @Query("""
            UPDATE api_key SET revoked_at = :at, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL""")
    int revoke(TenantId tenantId, UUID id, Instant at);

    /** Revokes every live key of the tenant (its closure); the number revoked. */
    @Query("""
            UPDATE api_key SET revoked_at = :at, version = version + 1
            WHERE tenant_id = :tenantId AND revoked_at IS NULL""")
    int revokeAllOfTenant(TenantId tenantId, Instant at);

    /** Records use reported by usage ingestion; only ever moves forward. */
    @Query("""
            UPDATE api_key SET last_used_at = GREATEST(coalesce(last_used_at, :at), :at)
            WHERE tenant_id = :tenantId AND id = :id""")
    void markUsed(TenantId tenantId, UUID id, Instant at);
}
