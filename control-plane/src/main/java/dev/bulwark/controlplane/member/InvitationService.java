package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.billing.PlanLimit;
import dev.bulwark.controlplane.billing.PlanLimits;
import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.identity.session.StartedSession;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
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

    private final InvitationRepository invitations;
    private final Accounts accounts;
    private final Tenants tenants;
    private final IdentityProvider identity;
    private final AuditTrail audit;
    private final PlanLimits planLimits;

    InvitationService(InvitationRepository invitations, Accounts accounts, Tenants tenants, IdentityProvider identity, AuditTrail audit,
                      PlanLimits planLimits) {
        this.planLimits = planLimits;
        this.invitations = invitations;
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
        if (invitations.memberWithEmail(caller.tenantId(), email)) {
            throw ProblemException.conflict("ALREADY_MEMBER", "This person is already a member");
        }
        planLimits.requireRoomFor(caller.tenantId(), PlanLimit.MEMBERS);
        String token = OpaqueTokens.issue(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(VALIDITY);
        invitations.insert(new InvitationRow(id, caller.tenantId(), email, role, OpaqueTokens.sha256(token), caller.userId(),
                now, expires, null, null));
        Invitation created = new Invitation(id, email, role, token, expires, now);
        audit.record(caller, "invitation.create", "invitation", id.toString(), null, Map.of("email", email, "role", role));
        return created;
    }

    @Transactional(readOnly = true)
    public List<Invitation> pending(Principal caller) {
        return invitations.pending(caller.tenantId(), Instant.now()).stream()
                .map(row -> new Invitation(row.id(), row.email(), row.role(), null, row.expiresAt(), row.createdAt()))
                .toList();
    }

    @Transactional
    public void revoke(Principal caller, UUID id) {
        int revoked = invitations.revoke(caller.tenantId(), id, Instant.now());
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
        return invitations.lockOpen(OpaqueTokens.sha256(token), Instant.now())
                .map(row -> new Pending(row.id(), row.tenantId(), row.email(), row.role()));
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
        if (invitations.member(invitation.tenant(), user.id())) {
            throw ProblemException.conflict("ALREADY_MEMBER", "You are already a member of this tenant");
        }
        accounts.addMembership(invitation.tenant(), user.id(), invitation.role());
        invitations.accept(invitation.tenant(), invitation.id(), Instant.now());
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
        return invitations.preview(OpaqueTokens.sha256(token), Instant.now())
                .map(row -> new Preview(row.name(), row.slug(), Accounts.role(row.role()), row.email(), row.existing(),
                        row.expiresAt()));
    }

    /** The invitation's email, if the token is currently valid (read before hashing a new password). */
    @Transactional(readOnly = true)
    public Optional<String> emailFor(String token) {
        return invitations.findOpen(OpaqueTokens.sha256(token), Instant.now()).map(InvitationRow::email);
    }

    static ProblemException invalid() {
        return new ProblemException(400, "INVITATION_INVALID", "Invalid invitation",
                "This invitation does not exist, has expired, was revoked or was already used", null);
    }

}
