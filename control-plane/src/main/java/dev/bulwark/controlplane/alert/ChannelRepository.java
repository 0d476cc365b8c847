package dev.bulwark.controlplane.alert;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alert channels, always within one tenant. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ChannelRepository extends GenericRepository<ChannelRow, UUID> {

    /** In no particular order: callers that show the list sort it by name. */
    List<ChannelRow> findByTenantId(TenantId tenantId);

    Optional<ChannelRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    boolean existsByTenantIdAndName(TenantId tenantId, String name);

    ChannelRow save(ChannelRow row);

    ChannelRow update(ChannelRow row);

    int deleteByTenantIdAndId(TenantId tenantId, UUID id);
}
