package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** A tenant's own private upstream networks, on the tenant row. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantNetworksRepository extends GenericRepository<TenantNetworksRow, TenantId> {

    Optional<TenantNetworksRow> findById(TenantId id);

    /** Bumps the tenant's version like every other change of the tenant row. */
    @Query("UPDATE tenant SET private_upstream_cidrs = :privateUpstreamCidrs, version = version + 1 WHERE id = :id")
    int updateCidrs(TenantId id, String[] privateUpstreamCidrs);
}
