package dev.bulwark.controlplane.signup;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.Emails;
import dev.bulwark.controlplane.identity.keycloak.RealmProvisioning;
import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.password.PasswordHasher;
import dev.bulwark.controlplane.identity.password.PasswordPolicy;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.identity.session.StartedSession;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Creates a tenant and its owner in one transaction (tenant, user, membership and audit entry
 * commit together or not at all). An email that already has an account is refused: that person
 * logs in and creates further tenants from their session instead, so sign-up is no password oracle.
 */
@Singleton
public class Signup {
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Creation creation;

    public Signup(PasswordPolicy policy, PasswordHasher hasher, Creation creation) {
        this.policy = policy;
        this.hasher = hasher;
        this.creation = creation;
    }

    /** Hashing happens before the transaction opens. */
    public StartedSession signUp(SignupCommand command) {
        String email = Emails.normalise(command.email());
        Emails.problem(email).ifPresent(problem -> {
            throw ProblemException.invalid("email", problem);
        });
        policy.check("password", command.password(), email).ifPresent(v -> {
            throw ProblemException.invalid(java.util.List.of(v));
        });
        return creation.create(command, email, hasher.hash(command.password()));
    }

    /** The transactional half (a separate bean so that the transaction advice applies). */
    @Singleton
    public static class Creation {
        private final Tenants tenants;
        private final Accounts accounts;
        private final IdentityProvider identity;
        private final AuditTrail audit;
        private final RealmProvisioning realms;

        public Creation(Tenants tenants, Accounts accounts, IdentityProvider identity, AuditTrail audit, RealmProvisioning realms) {
            this.tenants = tenants;
            this.accounts = accounts;
            this.identity = identity;
            this.audit = audit;
            this.realms = realms;
        }

        @Transactional
        public StartedSession create(SignupCommand command, String email, String passwordHash) {
            if (tenants.slugTaken(command.tenantSlug())) {
                throw slugTaken();
            }
            if (accounts.findByEmail(email).isPresent()) {
                throw ProblemException.conflict("ACCOUNT_EXISTS", "An account with this email exists; log in to create another tenant");
            }
            Tenants.Tenant tenant;
            Accounts.User user;
            try {
                tenant = tenants.create(command.tenantSlug(), command.tenantName().strip());
                user = accounts.createUser(email, command.displayName().strip(), passwordHash);
                accounts.addMembership(tenant.id(), user.id(), Role.OWNER);
            } catch (RuntimeException e) {
                if (Sql.isUniqueViolation(e)) {
                    throw slugTaken();
                }
                throw e;
            }
            // Keycloak is not called here: the realm follows from this row once the sign-up commits.
            realms.tenantCreated(tenant.id());
            Principal owner = new Principal(user.id(), tenant.id(), Role.OWNER, user.email());
            audit.record(owner, "tenant.signup", "tenant", tenant.id().toString(), null,
                    Map.of("tenant", SessionResponse.TenantView.of(tenant), "owner", SessionResponse.UserView.of(user)));
            IdentityProvider.Session session = identity.startSession(user.id(), tenant.id(), Role.OWNER, user.email());
            return new StartedSession(SessionResponse.of(tenant, user, Role.OWNER, session), session);
        }
    }

    private static ProblemException slugTaken() {
        return ProblemException.conflict("TENANT_SLUG_TAKEN", "This tenant slug is taken");
    }
}

