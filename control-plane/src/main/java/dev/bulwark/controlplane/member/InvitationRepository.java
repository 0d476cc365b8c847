package dev.bulwark.controlplane.member;

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

/** Invitations to join a tenant, and the membership checks around them. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InvitationRepository extends GenericRepository<InvitationRow, UUID> {

    /** What the invitee sees: the tenant, the role ({@code role} as stored), and whether the email has an account. */
    @Introspected
    record PreviewRow(String name, String slug, String role, String email, boolean existing, Instant expiresAt) {
    }

    void insert(InvitationRow row);

    @Query("""
            SELECT EXISTS (SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id
                           WHERE m.tenant_id = :tenantId AND u.email = :email)""")
    boolean memberWithEmail(TenantId tenantId, String email);

    @Query("SELECT EXISTS (SELECT 1 FROM membership WHERE tenant_id = :tenantId AND user_id = :userId)")
    boolean member(TenantId tenantId, UUID userId);

    @Query("""
            SELECT * FROM invitation
            WHERE tenant_id = :tenantId AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now
            ORDER BY created_at""")
    List<InvitationRow> pending(TenantId tenantId, Instant now);

    /** 0 when there is no open invitation with this id in the tenant. */
    @Query("""
            UPDATE invitation SET revoked_at = :revokedAt
            WHERE tenant_id = :tenantId AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL""")
    int revoke(TenantId tenantId, UUID id, Instant revokedAt);

    @CrossTenant("a presented invitation token names no tenant: its hash is what finds the invitation and its tenant")
    @Query("""
            SELECT * FROM invitation
            WHERE token_hash = :tokenHash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now
            FOR UPDATE""")
    Optional<InvitationRow> lockOpen(byte[] tokenHash, Instant now);

    @CrossTenant("a presented invitation token names no tenant: its hash is what finds the invitation and its tenant")
    @Query("""
            SELECT * FROM invitation
            WHERE token_hash = :tokenHash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now""")
    Optional<InvitationRow> findOpen(byte[] tokenHash, Instant now);

    @Query("UPDATE invitation SET accepted_at = :acceptedAt WHERE tenant_id = :tenantId AND id = :id")
    void accept(TenantId tenantId, UUID id, Instant acceptedAt);

    @CrossTenant("a presented invitation token names no tenant: its hash is what finds the invitation and its tenant")
    @Query("""
            SELECT t.name, t.slug, i.role, i.email, i.expires_at,
                   EXISTS (SELECT 1 FROM app_user u WHERE u.email = i.email) AS existing
            FROM invitation i JOIN tenant t ON t.id = i.tenant_id
            WHERE i.token_hash = :tokenHash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now""")
    Optional<PreviewRow> preview(byte[] tokenHash, Instant now);
}
