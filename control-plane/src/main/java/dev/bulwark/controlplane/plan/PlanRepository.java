package dev.bulwark.controlplane.plan;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant's plans. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanRepository extends GenericRepository<PlanRow, UUID> {

    void insert(PlanRow row);

    Optional<PlanRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    @Query("""
            SELECT * FROM plan WHERE tenant_id = :tenantId AND api_id = :apiId AND id > :after
            ORDER BY id LIMIT :limit""")
    List<PlanRow> page(TenantId tenantId, UUID apiId, UUID after, int limit);

    /** Writes every mutable field if the row is still at {@code version}; 0 when someone changed it first. */
    @Query("""
            UPDATE plan SET name = :name, description = :description,
                allowed_operations = CAST(:allowedOperations AS jsonb), policies = CAST(:policies AS jsonb),
                approval = :approval, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND version = :version""")
    int update(TenantId tenantId, UUID id, long version, String name, @Nullable String description,
               List<String> allowedOperations, List<PolicyConfig> policies, Plan.Approval approval);
}
