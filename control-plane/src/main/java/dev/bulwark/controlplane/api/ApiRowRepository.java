package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
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

/** Rows of {@code api}; {@link ApiRepository} turns them into {@link Api}s and conflicts into problems. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiRowRepository extends GenericRepository<ApiRow, UUID> {

    void insert(ApiRow row);

    Optional<ApiRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    /** Locks the row for the rest of the transaction, so concurrent writes to one API serialise. */
    @Query("SELECT * FROM api WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
    Optional<ApiRow> lock(TenantId tenantId, UUID id);

    /** Lists leave the document out: it can be large and no list shows it. */
    @Query("""
            SELECT id, tenant_id, name, version_label, host, base_path, '' AS openapi, lifecycle,
                   allow_private_upstreams, policies, created_at, updated_at, version
            FROM api WHERE tenant_id = :tenantId AND id > :after ORDER BY id LIMIT :limit""")
    List<ApiRow> page(TenantId tenantId, UUID after, int limit);

    /** Writes every mutable field if the row is still at {@code version}; 0 when someone changed it first. */
    @Query("""
            UPDATE api SET name = :name, version_label = :versionLabel, host = :host, base_path = :basePath,
                openapi = :openapi, lifecycle = :lifecycle, allow_private_upstreams = :allowPrivateUpstreams,
                policies = CAST(:policies AS jsonb), updated_at = :updatedAt, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND version = :version""")
    int update(TenantId tenantId, UUID id, long version, String name, @Nullable String versionLabel,
               @Nullable String host, String basePath, String openapi, Lifecycle lifecycle,
               boolean allowPrivateUpstreams, List<PolicyConfig> policies, Instant updatedAt);
}
