package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Incidents and their timelines, always within one tenant. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface IncidentRepository extends GenericRepository<IncidentRow, UUID> {

    Optional<IncidentRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    /**
     * Newest first, keyset on the (time-ordered) id; an empty filter value means "any".
     * {@code before} is the last id of the previous page (the maximal UUID for the first page).
     */
    @Query("""
            SELECT * FROM incident WHERE tenant_id = :tenantId AND id < :before
              AND (:status = '' OR status = :status) AND (:detector = '' OR detector = :detector)
              AND (:severity = '' OR severity = :severity) AND (:apiId = '' OR api_id = :apiId)
            ORDER BY id DESC LIMIT :limit""")
    List<IncidentRow> page(TenantId tenantId, UUID before, String status, String detector, String severity, String apiId, int limit);

    /** Incidents per status and severity, for the overview. */
    @Query("""
            SELECT status || ':' || severity FROM incident WHERE tenant_id = :tenantId AND (opened_at >= :since OR status <> 'resolved')""")
    List<String> statusesAndSeverities(TenantId tenantId, Instant since);

    @Query("""
            UPDATE incident SET status = :status, acknowledged_at = :acknowledgedAt, resolved_at = :resolvedAt
            WHERE tenant_id = :tenantId AND id = :id""")
    int updateStatus(TenantId tenantId, UUID id, String status, @Nullable Instant acknowledgedAt, @Nullable Instant resolvedAt);

    @Query("UPDATE incident SET assignee = :assignee WHERE tenant_id = :tenantId AND id = :id")
    int updateAssignee(TenantId tenantId, UUID id, @Nullable String assignee);
}
