package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.Emails;
import dev.bulwark.controlplane.identity.LoginMethods;
import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.password.PasswordHasher;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log-in with email and password against the built-in provider. Unknown accounts cost the same
 * Argon2id work as known ones and get the same answer; both failures are counted by the throttle.
 * The hash runs outside any transaction, so a slow hash never holds a database connection.
 */
@Singleton
public class PasswordLogin {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);

    private final Accounts accounts;
    private final Tenants tenants;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final IdentityProvider identity;
    private final LoginEvents events;
    private final LoginMethods methods;

    public PasswordLogin(Accounts accounts, Tenants tenants, PasswordHasher hasher, LoginThrottle throttle,
                         IdentityProvider identity, LoginEvents events, LoginMethods methods) {
        this.methods = methods;
        this.accounts = accounts;
        this.tenants = tenants;
        this.hasher = hasher;
        this.throttle = throttle;
        this.identity = identity;
        this.events = events;
    }

    public static ProblemException invalidCredentials() {
        return new ProblemException(401, "INVALID_CREDENTIALS", "Log-in failed", "The email, password or tenant is not correct", null);
    }

    public StartedSession login(String typedEmail, String password, @Nullable String tenantSlug, String ip) {
        String email = Emails.normalise(typedEmail);
        Instant now = Instant.now();
        Optional<Duration> wait = throttle.lockedFor(email, ip, now);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        Optional<Accounts.User> user = accounts.findByEmail(email);
        if (user.isEmpty()) {
            hasher.verifyDummy(password);
            throttle.failed(email, ip, now);
            LOG.info("log-in failed: unknown account");
            throw invalidCredentials();
        }
        boolean passwordMatches = hasher.verify(password, user.get().passwordHash());
        List<Accounts.Membership> memberships = accounts.memberships(user.get().id());
        Optional<Accounts.Membership> membership = memberships.stream()
                .filter(m -> tenantSlug == null || m.tenantSlug().equals(tenantSlug))
                // A tenant that turned password log-in off (OIDC only) is not reachable this way.
                .filter(m -> methods.of(m.tenantId()).password())
                .findFirst();
        if (!passwordMatches || membership.isEmpty()) {
            events.failed(user.get(), membership.or(() -> memberships.stream().findFirst()), email, ip, now,
                    passwordMatches ? "not a member of the requested tenant" : "wrong password");
            throw invalidCredentials();
        }
        if (hasher.needsRehash(user.get().passwordHash())) {
            accounts.updatePasswordHash(user.get().id(), hasher.hash(password));
        }
        Accounts.Membership m = membership.get();
        Principal principal = new Principal(user.get().id(), m.tenantId(), m.role(), user.get().email());
        events.succeeded(principal, email);
        IdentityProvider.Session session = identity.startSession(principal.userId(), m.tenantId(), m.role(), principal.email());
        return new StartedSession(SessionResponse.of(tenants.find(m.tenantId()).orElseThrow(), user.get(), m.role(), session), session);
    }

    /** The writes of a log-in attempt, each in one transaction with its audit entry. */
    @Singleton
    public static class LoginEvents {
        private final LoginThrottle throttle;
        private final AuditTrail audit;

        public LoginEvents(LoginThrottle throttle, AuditTrail audit) {
            this.throttle = throttle;
            this.audit = audit;
        }

        @Transactional
        public void failed(Accounts.User user, Optional<Accounts.Membership> tenant, String email, String ip, Instant now, String reason) {
            throttle.failed(email, ip, now);
            tenant.ifPresent(m -> audit.record(new Principal(user.id(), m.tenantId(), m.role(), user.email()),
                    "session.login_failed", "user", user.id().toString(), null, Map.of("reason", reason)));
        }

        @Transactional
        public void succeeded(Principal principal, String email) {
            throttle.succeeded(email);
            audit.record(principal, "session.login", "user", principal.userId().toString(), null, null);
        }
    }
}
