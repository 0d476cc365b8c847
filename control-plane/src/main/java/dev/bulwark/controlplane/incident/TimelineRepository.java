package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Incident timelines, always within one tenant. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TimelineRepository extends GenericRepository<TimelineRow, UUID> {
    /** The timeline shown with an incident: its oldest entries (the first detections) come first. */
    int MAX_ENTRIES = 500;

    @Query("SELECT * FROM incident_timeline WHERE tenant_id = :tenantId AND incident_id = :incidentId ORDER BY id LIMIT "
            + MAX_ENTRIES)
    List<TimelineRow> list(TenantId tenantId, UUID incidentId);

    @Query("""
            INSERT INTO incident_timeline (id, tenant_id, incident_id, at, kind, actor, event_count, detail)
            VALUES (:id, :tenantId, :incidentId, :at, :kind, :actor, NULL, CAST(:detail AS jsonb))""")
    void add(UUID id, TenantId tenantId, UUID incidentId, Instant at, String kind, @Nullable String actor, @Nullable String detail);
}
