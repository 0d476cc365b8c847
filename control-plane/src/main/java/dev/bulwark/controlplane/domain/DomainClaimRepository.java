package dev.bulwark.controlplane.domain;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Domain claims. Every method is scoped to one tenant; joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DomainClaimRepository extends GenericRepository<DomainClaimRow, UUID> {
    int MAX_PER_TENANT = 100;

    @Query("SELECT * FROM domain_claim WHERE tenant_id = :tenantId ORDER BY domain LIMIT " + MAX_PER_TENANT)
    List<DomainClaimRow> list(TenantId tenantId);

    long countByTenantId(TenantId tenantId);

    Optional<DomainClaimRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    Optional<DomainClaimRow> findByTenantIdAndDomain(TenantId tenantId, String domain);

    void insert(DomainClaimRow row);

    /** Marks a pending claim verified; a unique violation means another tenant proved the name first. */
    @Query("""
            UPDATE domain_claim SET verified_by = :verifiedBy, verified_at = :verifiedAt
            WHERE tenant_id = :tenantId AND id = :id AND verified_at IS NULL""")
    int markVerified(TenantId tenantId, UUID id, String verifiedBy, Instant verifiedAt);

    int deleteByTenantIdAndId(TenantId tenantId, UUID id);

    boolean existsByTenantIdAndDomainAndVerifiedAtIsNotNull(TenantId tenantId, String domain);

    /** True when a routed API of the tenant is bound to this exact host. */
    @Query("""
            SELECT EXISTS (SELECT 1 FROM api WHERE tenant_id = :tenantId AND host = :host
                           AND lifecycle IN ('published', 'deprecated'))""")
    boolean hostInUse(TenantId tenantId, String host);
}
