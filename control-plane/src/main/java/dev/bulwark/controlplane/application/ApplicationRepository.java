package dev.bulwark.controlplane.application;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Applications, always within one tenant. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApplicationRepository extends GenericRepository<ApplicationRow, UUID> {

    void insert(ApplicationRow row);

    Optional<ApplicationRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    List<ApplicationRow> findByTenantIdAndDeveloperIdOrderById(TenantId tenantId, UUID developerId);

    /** One keyset page: rows after {@code after} in id order, at most {@code limit}. */
    @Query("SELECT * FROM application WHERE tenant_id = :tenantId AND id > :after ORDER BY id LIMIT :limit")
    List<ApplicationRow> page(TenantId tenantId, UUID after, int limit);
}
