package dev.bulwark.controlplane.api;

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

/** Rows of {@code api_operation}; {@link OperationRepository} is what other classes use. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OperationRowRepository extends GenericRepository<OperationRow, UUID> {

    void insert(OperationRow row);

    @Query("""
            SELECT * FROM api_operation WHERE tenant_id = :tenantId AND api_id = :apiId AND id > :after
            ORDER BY id LIMIT :limit""")
    List<OperationRow> page(TenantId tenantId, UUID apiId, UUID after, int limit);

    List<OperationRow> findByTenantIdAndApiIdOrderById(TenantId tenantId, UUID apiId);

    Optional<OperationRow> findByTenantIdAndApiIdAndOperationKey(TenantId tenantId, UUID apiId, String operationKey);

    /** What a re-imported document says about an operation that keeps its key (its policies stay). */
    @Query("""
            UPDATE api_operation SET method = :method, path_template = :pathTemplate,
                required_scopes = CAST(:requiredScopes AS jsonb)
            WHERE tenant_id = :tenantId AND id = :id""")
    void updateDefinition(TenantId tenantId, UUID id, String method, String pathTemplate, List<String> requiredScopes);

    /**
     * The operation's compiled contract (JSON text, null for none). Kept out of {@link OperationRow}:
     * only the snapshot compiler reads it, in its own query.
     */
    @Query("UPDATE api_operation SET contract = CAST(:contract AS jsonb) WHERE tenant_id = :tenantId AND id = :id")
    void updateContract(TenantId tenantId, UUID id, @Nullable String contract);

    @Query("UPDATE api_operation SET policies = CAST(:policies AS jsonb) WHERE tenant_id = :tenantId AND id = :id")
    void updatePolicies(TenantId tenantId, UUID id, List<PolicyConfig> policies);

    void deleteByTenantIdAndId(TenantId tenantId, UUID id);
}
