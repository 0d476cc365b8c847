package dev.bulwark.controlplane.tenant;

import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** The {@code tenant} table: one row per tenant, found by its own id. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantRepository extends GenericRepository<TenantRow, TenantId> {

    void insert(TenantRow row);

    Optional<TenantRow> findById(TenantId id);

    Optional<Long> findVersionById(TenantId id);

    /** A closed tenant's developer portal is gone: its slug finds nothing (the slug stays taken). */
    @CrossTenant("a developer-portal URL names its tenant by slug: the slug is what finds the tenant")
    @Query("SELECT id, slug, name, version FROM tenant WHERE slug = :slug AND closed_at IS NULL")
    Optional<TenantRow> findBySlug(String slug);

    @CrossTenant("sign-up checks that no tenant has the slug yet, before it has a tenant of its own")
    boolean existsBySlug(String slug);
}
