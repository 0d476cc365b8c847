package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Detector overrides of one tenant. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DetectorSettingRepository extends GenericRepository<DetectorSettingRow, UUID> {

    List<DetectorSettingRow> findByTenantId(TenantId tenantId);

    /** Creates or replaces the tenant's override of the row's detector. */
    @Query("""
            INSERT INTO incident_detector_setting (id, tenant_id, detector, enabled, threshold, window_seconds)
            VALUES (:id, :tenantId, :detector, :enabled, :threshold, :windowSeconds)
            ON CONFLICT (tenant_id, detector) DO UPDATE SET enabled = EXCLUDED.enabled,
                threshold = EXCLUDED.threshold, window_seconds = EXCLUDED.window_seconds""")
    void upsert(UUID id, TenantId tenantId, String detector, boolean enabled, int threshold, int windowSeconds);

    int deleteByTenantIdAndDetector(TenantId tenantId, String detector);
}
