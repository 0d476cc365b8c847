package dev.bulwark.controlplane.alert;

import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The delivery log. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryRepository extends GenericRepository<DeliveryRow, UUID> {

    Optional<DeliveryRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    /** Newest first, keyset on the time-ordered id ({@code before}: the maximal UUID for the first page). */
    @Query("""
            SELECT * FROM alert_delivery WHERE tenant_id = :tenantId AND channel_id = :channelId AND id < :before
            ORDER BY id DESC LIMIT :limit""")
    List<DeliveryRow> page(TenantId tenantId, UUID channelId, UUID before, int limit);

    /** Queues a delivery, due now by the database's clock. */
    @Query("""
            INSERT INTO alert_delivery (id, tenant_id, channel_id, incident_id, event, payload, status, attempts,
                next_attempt_at, created_at)
            VALUES (:id, :tenantId, :channelId, :incidentId, :event, :payload, 'pending', 0, now(), now())""")
    void enqueue(UUID id, TenantId tenantId, UUID channelId, @Nullable UUID incidentId, String event, String payload);

    /** Deliveries due now, locked so that another replica's worker skips them. */
    @CrossTenant("the delivery worker drains every tenant's queue; each row carries its tenant, which the send re-checks")
    @Query("""
            SELECT * FROM alert_delivery WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<DeliveryRow> due(int limit);

    /** Counts the attempt and leases the delivery: should this replica stop mid-send, another retries after the lease. */
    @CrossTenant("the delivery worker drains every tenant's queue; each row carries its tenant, which the send re-checks")
    @Query("""
            UPDATE alert_delivery SET attempts = attempts + 1, last_attempt_at = now(),
                next_attempt_at = now() + make_interval(secs => :leaseSeconds) WHERE id = :id""")
    void claim(UUID id, double leaseSeconds);

    @CrossTenant("the delivery worker drains every tenant's queue; each row carries its tenant, which the send re-checks")
    @Query("""
            UPDATE alert_delivery SET status = 'delivered', delivered_at = now(), response_status = :responseStatus,
                last_error = NULL WHERE id = :id""")
    void delivered(UUID id, @Nullable Integer responseStatus);

    /** A failed attempt: retried after {@code backoffSeconds}, or failed for good after {@code maxAttempts}. */
    @CrossTenant("the delivery worker drains every tenant's queue; each row carries its tenant, which the send re-checks")
    @Query("""
            UPDATE alert_delivery SET status = CASE WHEN attempts >= :maxAttempts THEN 'failed' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => :backoffSeconds), response_status = :responseStatus,
                last_error = :error WHERE id = :id""")
    void attemptFailed(UUID id, int maxAttempts, double backoffSeconds, @Nullable Integer responseStatus, String error);
}
