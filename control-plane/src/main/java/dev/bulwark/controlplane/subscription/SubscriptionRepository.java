package dev.bulwark.controlplane.subscription;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant's subscriptions. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubscriptionRepository extends GenericRepository<SubscriptionRow, UUID> {

    void insert(SubscriptionRow row);

    Optional<SubscriptionRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    @Query("SELECT * FROM subscription WHERE tenant_id = :tenantId AND id > :after ORDER BY id LIMIT :limit")
    List<SubscriptionRow> page(TenantId tenantId, UUID after, int limit);

    @Query("""
            SELECT * FROM subscription WHERE tenant_id = :tenantId AND status = :status AND id > :after
            ORDER BY id LIMIT :limit""")
    List<SubscriptionRow> pageWithStatus(TenantId tenantId, Subscription.Status status, UUID after, int limit);

    @Query("""
            SELECT * FROM subscription WHERE tenant_id = :tenantId AND application_id = :applicationId AND id > :after
            ORDER BY id LIMIT :limit""")
    List<SubscriptionRow> pageOfApplication(TenantId tenantId, UUID applicationId, UUID after, int limit);

    @Query("""
            SELECT * FROM subscription WHERE tenant_id = :tenantId AND application_id = :applicationId AND status = :status
            AND id > :after ORDER BY id LIMIT :limit""")
    List<SubscriptionRow> pageOfApplicationWithStatus(TenantId tenantId, UUID applicationId, Subscription.Status status, UUID after,
                                                      int limit);

    /** Decides a pending subscription; 0 when it is no longer pending. */
    @Query("""
            UPDATE subscription SET status = :status, decided_at = :decidedAt, decided_by = :decidedBy,
                version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND status = 'pending'""")
    int decide(TenantId tenantId, UUID id, Subscription.Status status, Instant decidedAt, UUID decidedBy);
}
