package dev.bulwark.controlplane.devportal;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.developer.PortalInvitations;
import dev.bulwark.controlplane.identity.Emails;
import dev.bulwark.controlplane.identity.password.PasswordHasher;
import dev.bulwark.controlplane.identity.password.PasswordPolicy;
import dev.bulwark.controlplane.identity.session.LoginThrottle;
import dev.bulwark.controlplane.identity.session.LoginThrottledException;
import dev.bulwark.controlplane.kernel.Constraints;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Developer sign-up and log-in, per tenant. Passwords follow the members' {@link PasswordPolicy} and
 * {@link PasswordHasher}; failed log-ins go through the members' {@link LoginThrottle} under a key of
 * their own ({@code developer:<tenant>:<email>}), so a member's and a developer's failures never lock
 * each other. Unknown emails and password-less (console-registered) developers cost the same Argon2id
 * work and get the same 401 as a wrong password. Hashing runs outside transactions.
 */
@Singleton
public class DeveloperAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(DeveloperAccounts.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

    /** @param invitation only to claim a record a member registered: the token from their portal invitation */
    public record SignUp(String email, String name, String password, @Nullable String invitation) {
        @Override
        public String toString() {
            return "SignUp[email=" + email + "]";
        }
    }

    public record LogIn(String email, String password) {
        @Override
        public String toString() {
            return "LogIn[email=" + email + "]";
        }
    }

    /** A session just started for a developer, with the body to return. */
    public record Started(DevSession body, DeveloperSessions.Started session) {
    }

    record Account(UUID id, String email, String name, String passwordHash) {
    }

    private final DeveloperAccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final DeveloperSessions sessions;
    private final PortalInvitations invitations;
    private final AuditTrail audit;

    public DeveloperAccounts(DeveloperAccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle,
                             DeveloperSessions sessions, PortalInvitations invitations, AuditTrail audit) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.sessions = sessions;
        this.invitations = invitations;
        this.audit = audit;
    }

    public Started signUp(Tenants.Tenant tenant, SignUp command) {
        String email = command.email() == null ? "" : Emails.normalise(command.email());
        String name = command.name() == null ? "" : command.name().strip();
        List<Violation> problems = new ArrayList<>();
        if (!EMAIL.matcher(email).matches()) {
            problems.add(new Violation("email", "must be an email address"));
        } else {
            Emails.problem(email).ifPresent(problem -> problems.add(new Violation("email", problem)));
        }
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new Violation("name", "is required (1-200 characters)"));
        }
        policy.check("password", command.password(), email).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        String hash = hasher.hash(command.password());
        return register(tenant, email, name, hash, command.invitation());
    }

    /**
     * Creates the developer, or claims the record a member registered with this email (it has no
     * password yet) when the sign-up carries the portal invitation a member issued for it: knowing
     * an email must never be enough to take over the applications and keys members made for it.
     * Any other existing record is a conflict.
     */
    @Transactional
    Started register(Tenants.Tenant tenant, String email, String name, String hash, String invitation) {
        Instant now = Instant.now();
        Optional<Account> existing = find(tenant.id(), email, true);
        if (invitation != null && !invitation.isBlank()) {
            Optional<UUID> claimable = invitations.claimable(tenant.id(), email, invitation);
            if (claimable.isEmpty() || existing.isEmpty() || !claimable.get().equals(existing.get().id())) {
                throw new ProblemException(400, "DEVELOPER_INVITATION_INVALID", "Invalid invitation",
                        "This invitation does not exist, has expired, was already used or is for another email",
                        List.of(new Violation("invitation", "is not a valid invitation for this email")));
            }
            invitations.consume(tenant.id(), claimable.get());
        } else if (existing.isPresent()) {
            throw exists();
        }
        UUID id;
        String storedEmail;
        if (existing.isPresent()) {
            id = existing.get().id();
            storedEmail = existing.get().email();
            accounts.claim(tenant.id(), id, hash, name, now);
        } else {
            id = Ids.next();
            storedEmail = email;
            try {
                accounts.insert(new DeveloperAccountRow(id, tenant.id(), email, name, hash, now, now));
            } catch (DataAccessException e) {
                if (Constraints.isUniqueViolation(e, "developer_email")) {
                    throw exists();
                }
                throw e;
            }
        }
        audit.record(DeveloperCaller.actor(id, tenant.id(), storedEmail), "developer.signup", "developer", id.toString(),
                null, Map.of("id", id, "email", storedEmail, "name", name, "claimedConsoleRecord", existing.isPresent()));
        DeveloperSessions.Started session = sessions.start(tenant.id(), id);
        return new Started(new DevSession(new DevSession.DeveloperView(id, storedEmail, name), DevSession.TenantView.of(tenant),
                new DevSession.SessionView(session.token(), session.expiresAt())), session);
    }

    public Started logIn(Tenants.Tenant tenant, LogIn command, String ip) {
        String email = command.email() == null ? "" : Emails.normalise(command.email());
        String password = command.password() == null ? "" : command.password();
        String throttleKey = "developer:" + tenant.id() + ":" + email;
        Instant now = Instant.now();
        Optional<Duration> wait = throttle.lockedFor(throttleKey, ip, now);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        Optional<Account> account = email.isEmpty() || email.length() > 254 ? Optional.empty() : account(tenant.id(), email);
        if (account.isEmpty() || account.get().passwordHash() == null) {
            hasher.verifyDummy(password);
            throttle.failed(throttleKey, ip, now);
            LOG.info("developer log-in failed: unknown or not signed-up account");
            throw invalidCredentials();
        }
        Account found = account.get();
        if (!hasher.verify(password, found.passwordHash())) {
            failed(tenant.id(), found, throttleKey, ip, now);
            throw invalidCredentials();
        }
        if (hasher.needsRehash(found.passwordHash())) {
            rehash(tenant.id(), found.id(), hasher.hash(password));
        }
        return succeeded(tenant, found, throttleKey);
    }

    @Transactional
    void failed(TenantId tenant, Account account, String throttleKey, String ip, Instant now) {
        throttle.failed(throttleKey, ip, now);
        audit.record(DeveloperCaller.actor(account.id(), tenant, account.email()), "developer.login_failed", "developer",
                account.id().toString(), null, Map.of("reason", "wrong password"));
    }

    @Transactional
    void rehash(TenantId tenant, UUID id, String hash) {
        accounts.rehash(tenant, id, hash);
    }

    @Transactional
    Started succeeded(Tenants.Tenant tenant, Account account, String throttleKey) {
        throttle.succeeded(throttleKey);
        audit.record(DeveloperCaller.actor(account.id(), tenant.id(), account.email()), "developer.login", "developer",
                account.id().toString(), null, null);
        DeveloperSessions.Started session = sessions.start(tenant.id(), account.id());
        return new Started(new DevSession(new DevSession.DeveloperView(account.id(), account.email(), account.name()),
                DevSession.TenantView.of(tenant), new DevSession.SessionView(session.token(), session.expiresAt())), session);
    }

    @Transactional
    public void logOut(DeveloperCaller caller) {
        sessions.end(caller);
        audit.record(caller.actor(), "developer.logout", "developer", caller.developerId().toString(), null, null);
    }

    @Transactional(readOnly = true)
    public DevSession me(Tenants.Tenant tenant, DeveloperCaller caller) {
        Account account = find(tenant.id(), caller.email(), false).filter(a -> a.id().equals(caller.developerId()))
                .orElseThrow(ProblemException::unauthorized);
        return new DevSession(new DevSession.DeveloperView(account.id(), account.email(), account.name()),
                DevSession.TenantView.of(tenant), null);
    }

    @Transactional(readOnly = true)
    Optional<Account> account(TenantId tenant, String email) {
        return find(tenant, email, false);
    }

    private Optional<Account> find(TenantId tenant, String email, boolean lock) {
        String normalised = Emails.normalise(email);
        return (lock ? accounts.lockByEmail(tenant, normalised) : accounts.findByTenantIdAndEmail(tenant, normalised))
                .map(row -> new Account(row.id(), row.email(), row.name(), row.passwordHash()));
    }

    private static ProblemException exists() {
        return new ProblemException(409, "DEVELOPER_EXISTS", "Conflict", "A developer with this email has already signed up",
                List.of(new Violation("email", "is already registered; log in instead")));
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(401, "INVALID_CREDENTIALS", "Invalid credentials", "The email or password is not correct", null);
    }
}
