package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.identity.session.StartedSession;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations: a random 256-bit token shown once, stored only as its SHA-256 (a high-entropy
 * token needs no slow hash), valid for 7 days and for one acceptance.
 */
@Singleton
public class InvitationService {
    static final Duration VALIDITY = Duration.ofDays(7);
    private static final String PREFIX = "bwi_";

    private final Sql sql;
    private final Accounts accounts;
    private final Tenants tenants;
    private final IdentityProvider identity;
    private final AuditTrail audit;

    InvitationService(Sql sql, Accounts accounts, Tenants tenants, IdentityProvider identity, AuditTrail audit) {
        this.sql = sql;
        this.accounts = accounts;
        this.tenants = tenants;
        this.identity = identity;
        this.audit = audit;
    }

    @Transactional
    public Invitation invite(Principal caller, String email, Role role) {
        if (role == Role.OWNER && caller.role() != Role.OWNER) {
            throw ProblemException.forbidden("Only an owner may invite an owner");
        }
        boolean member = sql.one("""
                SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.tenant_id = ? AND u.email = ?""",
                row -> true, caller.tenantId(), email).isPresent();
        if (member) {
            throw ProblemException.conflict("ALREADY_MEMBER", "This person is already a member");
        }
        String token = OpaqueTokens.issue(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(VALIDITY);
        sql.update("""
                INSERT INTO invitation (id, tenant_id, email, role, token_hash, invited_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, caller.tenantId(), email, role, OpaqueTokens.sha256(token), caller.userId(), now, expires);
        Invitation created = new Invitation(id, email, role, token, expires, now);
        audit.record(caller, "invitation.create", "invitation", id.toString(), null, Map.of("email", email, "role", role));
        return created;
    }

    @Transactional(readOnly = true)
    public List<Invitation> pending(Principal caller) {
        return sql.list("""
                SELECT id, email, role, expires_at, created_at FROM invitation
                WHERE tenant_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at""",
                row -> new Invitation(Sql.uuid(row, "id"), row.getString("email"), Accounts.role(row.getString("role")), null,
                        Sql.instant(row, "expires_at"), Sql.instant(row, "created_at")), caller.tenantId(), Instant.now());
    }

    @Transactional
    public void revoke(Principal caller, UUID id) {
        int revoked = sql.update("UPDATE invitation SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
                Instant.now(), caller.tenantId(), id);
        if (revoked == 0) {
            throw ProblemException.notFound("Invitation");
        }
        audit.record(caller, "invitation.revoke", "invitation", id.toString(), null, null);
    }

    record Pending(UUID id, TenantId tenant, String email, Role role) {
    }

    /** Locks the invitation the token names, if it is still usable. */
    @Transactional
    public Optional<Pending> claim(String token) {
        return sql.one("""
                SELECT id, tenant_id, email, role FROM invitation
                WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? FOR UPDATE""",
                row -> new Pending(Sql.uuid(row, "id"), new TenantId(Sql.uuid(row, "tenant_id")), row.getString("email"),
                        Accounts.role(row.getString("role"))), OpaqueTokens.sha256(token), Instant.now());
    }

    /**
     * Creates the invited person's account and joins it to the tenant, in one transaction. Only for
     * an email without an account: an existing account joins from its own session ({@link #join}),
     * so this public route never checks a password and cannot be used to guess one.
     */
    @Transactional
    public StartedSession accept(String token, String newPasswordHash, String displayName) {
        Pending invitation = claim(token).orElseThrow(InvitationService::invalid);
        if (accounts.findByEmail(invitation.email()).isPresent()) {
            throw logInToAccept();
        }
        return admit(invitation, accounts.createUser(invitation.email(), displayName, newPasswordHash));
    }

    /** The signed-in caller accepts an invitation addressed to their own (normalised) email. */
    @Transactional
    public StartedSession join(String token, Principal caller) {
        Pending invitation = claim(token).orElseThrow(InvitationService::invalid);
        Accounts.User user = accounts.find(caller.userId()).orElseThrow(ProblemException::unauthorized);
        if (!user.email().equals(invitation.email())) {
            throw new ProblemException(403, "INVITATION_FOR_ANOTHER_ACCOUNT", "Forbidden",
                    "This invitation is addressed to another email than the one you are signed in with", null);
        }
        return admit(invitation, user);
    }

    static ProblemException logInToAccept() {
        return new ProblemException(409, "LOG_IN_TO_ACCEPT", "Conflict",
                "This email already has an account: log in, then accept the invitation from your session", null);
    }

    private StartedSession admit(Pending invitation, Accounts.User user) {
        if (sql.one("SELECT 1 FROM membership WHERE tenant_id = ? AND user_id = ?", row -> true, invitation.tenant(), user.id()).isPresent()) {
            throw ProblemException.conflict("ALREADY_MEMBER", "You are already a member of this tenant");
        }
        accounts.addMembership(invitation.tenant(), user.id(), invitation.role());
        sql.update("UPDATE invitation SET accepted_at = ? WHERE id = ?", Instant.now(), invitation.id());
        Principal joined = new Principal(user.id(), invitation.tenant(), invitation.role(), user.email());
        audit.record(joined, "member.join", "member", user.id().toString(), null,
                Map.of("email", user.email(), "role", invitation.role(), "invitationId", invitation.id()));
        IdentityProvider.Session session = identity.startSession(user.id(), invitation.tenant(), invitation.role(), user.email());
        Tenants.Tenant tenant = tenants.find(invitation.tenant()).orElseThrow();
        return new StartedSession(SessionResponse.of(tenant, user, invitation.role(), session), session);
    }

    /** What the invitee sees before accepting: who invites them, to which role, and whether they already have an account. */
    public record Preview(String tenantName, String tenantSlug, Role role, String email, boolean existingAccount,
                          Instant expiresAt) {
    }

    /** The invitation a currently valid token names; reading it changes nothing. */
    @Transactional(readOnly = true)
    public Optional<Preview> preview(String token) {
        return sql.one("""
                SELECT t.name, t.slug, i.role, i.email, i.expires_at,
                       EXISTS (SELECT 1 FROM app_user u WHERE u.email = i.email) AS existing
                FROM invitation i JOIN tenant t ON t.id = i.tenant_id
                WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?""",
                row -> new Preview(row.getString("name"), row.getString("slug"), Accounts.role(row.getString("role")),
                        row.getString("email"), row.getBoolean("existing"), Sql.instant(row, "expires_at")),
                OpaqueTokens.sha256(token), Instant.now());
    }

    /** The invitation's email, if the token is currently valid (read before hashing a new password). */
    @Transactional(readOnly = true)
    public Optional<String> emailFor(String token) {
        return sql.one("SELECT email FROM invitation WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
                row -> row.getString("email"), OpaqueTokens.sha256(token), Instant.now());
    }

    static ProblemException invalid() {
        return new ProblemException(400, "INVITATION_INVALID", "Invalid invitation",
                "This invitation does not exist, has expired, was revoked or was already used", null);
    }

}
