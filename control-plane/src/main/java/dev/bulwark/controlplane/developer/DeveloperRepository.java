package dev.bulwark.controlplane.developer;

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

/** The tenant's developers and their portal invitations. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeveloperRepository extends GenericRepository<DeveloperRow, UUID> {

    /** Who an invitation goes to, and the tenant slug its link names. */
    @Introspected
    record InvitationTarget(String email, boolean signedUp, String slug) {
    }

    void insert(DeveloperRow row);

    Optional<DeveloperRow> findByTenantIdAndId(TenantId tenantId, UUID id);

    @Query("SELECT * FROM developer WHERE tenant_id = :tenantId AND id > :after ORDER BY id LIMIT :limit")
    List<DeveloperRow> page(TenantId tenantId, UUID after, int limit);

    /** Locks the developer row, so two invitations for one developer are issued one after the other. */
    @Query("""
            SELECT d.email, d.password_hash IS NOT NULL AS signed_up, t.slug FROM developer d
            JOIN tenant t ON t.id = d.tenant_id WHERE d.tenant_id = :tenantId AND d.id = :id FOR UPDATE OF d""")
    Optional<InvitationTarget> lockInvitationTarget(TenantId tenantId, UUID id);

    @Query("""
            UPDATE developer SET portal_invitation_hash = :hash, portal_invitation_expires_at = :expiresAt
            WHERE tenant_id = :tenantId AND id = :id""")
    void setInvitation(TenantId tenantId, UUID id, byte[] hash, Instant expiresAt);

    /** The password-less developer a valid, unexpired invitation names; locks it for the claiming transaction. */
    @Query("""
            SELECT id FROM developer WHERE tenant_id = :tenantId AND email = :email AND password_hash IS NULL
            AND portal_invitation_hash = :hash AND portal_invitation_expires_at > :now FOR UPDATE""")
    Optional<UUID> lockClaimable(TenantId tenantId, String email, byte[] hash, Instant now);

    @Query("""
            UPDATE developer SET portal_invitation_hash = NULL, portal_invitation_expires_at = NULL
            WHERE tenant_id = :tenantId AND id = :id""")
    void clearInvitation(TenantId tenantId, UUID id);
}
