package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Each API's two environments. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiEnvironmentRepository extends GenericRepository<ApiEnvironmentRow, UUID> {

    @Query("""
            SELECT * FROM api_environment WHERE tenant_id = :tenantId AND api_id = :apiId
            ORDER BY environment DESC""")
    List<ApiEnvironmentRow> list(TenantId tenantId, UUID apiId);

    /** Inserts or replaces one environment of the API. */
    @Query("""
            INSERT INTO api_environment (tenant_id, api_id, environment, upstream_urls, enabled)
            VALUES (:tenantId, :apiId, :environment, CAST(:upstreamUrls AS jsonb), :enabled)
            ON CONFLICT (api_id, environment)
            DO UPDATE SET upstream_urls = EXCLUDED.upstream_urls, enabled = EXCLUDED.enabled""")
    void save(TenantId tenantId, UUID apiId, Environment environment, List<String> upstreamUrls, boolean enabled);
}
