package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Memberships as identity needs them: joining a tenant, the tenants a person may log in to, and the
 * per-request check of a session. A tenant table, so the usual rule holds. Joins the caller's transaction.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccountMemberships extends GenericRepository<AccountMembershipRow, UUID> {

    /** One of a person's tenants, as read: {@code role} as stored. */
    @Introspected
    record TenantOfUser(UUID tenantId, String slug, String name, String role, Instant createdAt) {
    }

    /** A session's member as read: {@code role} as stored. */
    @Introspected
    record ActiveMember(String role, String email) {
    }

    void insert(AccountMembershipRow row);

    /** Oldest first, so a log-in without a tenant picks the tenant the person joined first. */
    @CrossTenant("a person's own memberships across tenants: the log-in chooses its tenant among them")
    @Query("""
            SELECT m.tenant_id, t.slug, t.name, m.role, m.created_at FROM membership m JOIN tenant t ON t.id = m.tenant_id
            WHERE m.user_id = :userId AND t.closed_at IS NULL ORDER BY m.created_at, t.slug""")
    List<TenantOfUser> tenantsOf(UUID userId);

    /** The member behind a session, unless the session was logged out or the tenant closed. */
    @Query("""
            SELECT m.role, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
            JOIN tenant t ON t.id = m.tenant_id AND t.closed_at IS NULL
            WHERE m.tenant_id = :tenantId AND m.user_id = :userId
              AND NOT EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = :jti)""")
    Optional<ActiveMember> active(TenantId tenantId, UUID userId, UUID jti);
}
