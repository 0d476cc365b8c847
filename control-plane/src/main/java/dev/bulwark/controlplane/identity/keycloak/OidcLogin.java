package dev.bulwark.controlplane.identity.keycloak;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.Emails;
import dev.bulwark.controlplane.identity.IdentityProvider;
import dev.bulwark.controlplane.identity.LoginMethods;
import dev.bulwark.controlplane.identity.password.PasswordHasher;
import dev.bulwark.controlplane.identity.session.SessionResponse;
import dev.bulwark.controlplane.identity.session.StartedSession;
import dev.bulwark.controlplane.identity.token.Issuer;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Members' console log-in through the tenant's Keycloak realm: authorization code with PKCE (S256).
 * {@link #begin} binds a random state to the browser (cookie: state and PKCE verifier; database:
 * only the state's hash, single use, 10 minutes); {@link #complete} checks that binding, exchanges
 * the code, verifies the access token against the realm's JWKS, maps its {@code bulwark-*} realm
 * role to the Bulwark role and starts an ordinary Bulwark session. The realm's user is linked to a
 * Bulwark account by subject, first by a verified email.
 */
@Singleton
@Requires(condition = KeycloakConfigured.class)
public class OidcLogin {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Tenants tenants;
    private final LoginMethods methods;
    private final RealmProvisioning realms;
    private final RealmEndpoints endpoints;
    private final Issuer publicUrl;
    private final Admission admission;

    public OidcLogin(Tenants tenants, LoginMethods methods, RealmProvisioning realms, RealmEndpoints endpoints, Issuer publicUrl,
                     Admission admission) {
        this.tenants = tenants;
        this.methods = methods;
        this.realms = realms;
        this.endpoints = endpoints;
        this.publicUrl = publicUrl;
        this.admission = admission;
    }

    /** Where to send the browser, and the cookie that binds the log-in to it ({@code state.verifier}). */
    public record Begun(String authorizationUrl, String cookie) {
    }

    /** Why a log-in failed, as the portal shows it (query {@code sso=} on /login). */
    public enum Failure { UNAVAILABLE, REFUSED, NO_ROLE, EXPIRED }

    public static final class Failed extends RuntimeException {
        private final Failure failure;

        public Failed(Failure failure) {
            super(failure.name());
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    public Begun begin(String tenantSlug) {
        Tenants.Tenant tenant = tenants.findBySlug(tenantSlug).filter(t -> methods.of(t.id()).oidc())
                .orElseThrow(() -> new ProblemException(404, "OIDC_NOT_ENABLED", "Not found",
                        "This organisation does not offer single sign-on", null));
        String realm = realms.readyRealm(tenant.id())
                .orElseThrow(() -> unavailable());
        try {
            endpoints.requireReachable(realm);
        } catch (RealmEndpoints.Unavailable e) {
            throw unavailable();
        }
        String state = random();
        String verifier = random();
        admission.rememberState(sha256(state), tenant.id());
        String url = endpoints.authorizationUrl(realm, redirectUri(), state, B64.encodeToString(sha256(verifier)));
        return new Begun(url, state + "." + verifier);
    }

    public StartedSession complete(String state, String code, String cookie) {
        if (state == null || code == null || cookie == null || cookie.indexOf('.') < 0) {
            throw new Failed(Failure.EXPIRED);
        }
        String cookieState = cookie.substring(0, cookie.indexOf('.'));
        String verifier = cookie.substring(cookie.indexOf('.') + 1);
        // The state must be the one this browser started with (login CSRF), and unused.
        if (!MessageDigest.isEqual(cookieState.getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            throw new Failed(Failure.EXPIRED);
        }
        TenantId tenant = admission.consumeState(sha256(state)).orElseThrow(() -> new Failed(Failure.EXPIRED));
        String realm = realms.readyRealm(tenant).orElseThrow(() -> new Failed(Failure.UNAVAILABLE));
        JWTClaimsSet claims;
        try {
            claims = endpoints.exchange(realm, code, redirectUri(), verifier);
        } catch (RealmEndpoints.Unavailable e) {
            throw new Failed(Failure.UNAVAILABLE);
        } catch (RealmEndpoints.Refused e) {
            throw new Failed(Failure.REFUSED);
        }
        Role role = KeycloakAdmin.strongestRole(realmRoles(claims)).orElseThrow(() -> new Failed(Failure.NO_ROLE));
        return admission.admit(tenant, claims, role);
    }

    public String redirectUri() {
        return publicUrl.value() + RealmProvisioning.CALLBACK_PATH;
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "IDENTITY_PROVIDER_UNAVAILABLE", "Service Unavailable",
                "Single sign-on is unavailable right now; try again shortly or log in with your password", null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(JWTClaimsSet claims) {
        Object access = claims.getClaim("realm_access");
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof List<?> roles) {
            return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database half: states, account links, membership and session, each step in one transaction. */
    @Singleton
    @Requires(condition = KeycloakConfigured.class)
    public static class Admission {
        private final Sql sql;
        private final Accounts accounts;
        private final PasswordHasher hasher;
        private final IdentityProvider identity;
        private final AuditTrail audit;
        private final Tenants tenants;

        public Admission(Sql sql, Accounts accounts, PasswordHasher hasher, IdentityProvider identity, AuditTrail audit, Tenants tenants) {
            this.sql = sql;
            this.accounts = accounts;
            this.hasher = hasher;
            this.identity = identity;
            this.audit = audit;
            this.tenants = tenants;
        }

        @Transactional
        public void rememberState(byte[] stateHash, TenantId tenant) {
            sql.update("DELETE FROM oidc_login_state WHERE expires_at < now()");
            sql.update("INSERT INTO oidc_login_state (state_hash, tenant_id, expires_at) VALUES (?, ?, ?)",
                    stateHash, tenant, Instant.now().plusSeconds(600));
        }

        @Transactional
        public Optional<TenantId> consumeState(byte[] stateHash) {
            return sql.one("DELETE FROM oidc_login_state WHERE state_hash = ? AND expires_at > now() RETURNING tenant_id",
                    row -> new TenantId(Sql.uuid(row, "tenant_id")), stateHash);
        }

        @Transactional
        public StartedSession admit(TenantId tenant, JWTClaimsSet claims, Role role) {
            String subject = claims.getSubject();
            Accounts.User user = sql.one("SELECT user_id FROM oidc_account_link WHERE tenant_id = ? AND subject = ?",
                            row -> Sql.uuid(row, "user_id"), tenant, subject)
                    .flatMap(accounts::find)
                    .orElseGet(() -> link(tenant, subject, claims));
            Optional<Role> current = sql.one("SELECT role FROM membership WHERE tenant_id = ? AND user_id = ? FOR UPDATE",
                    row -> Accounts.role(row.getString("role")), tenant, user.id());
            if (current.isEmpty()) {
                accounts.addMembership(tenant, user.id(), role);
            } else if (current.get() != role && !(current.get() == Role.OWNER && lastOwner(tenant))) {
                // Keycloak's realm roles are the source of truth for SSO members; the last owner is never demoted.
                sql.update("UPDATE membership SET role = ?, version = version + 1 WHERE tenant_id = ? AND user_id = ?", role, tenant, user.id());
            }
            Role effective = sql.one("SELECT role FROM membership WHERE tenant_id = ? AND user_id = ?",
                    row -> Accounts.role(row.getString("role")), tenant, user.id()).orElseThrow();
            Principal principal = new Principal(user.id(), tenant, effective, user.email());
            audit.record(principal, "session.login", "user", user.id().toString(), null, Map.of("method", "oidc"));
            IdentityProvider.Session session = identity.startSession(user.id(), tenant, effective, user.email());
            return new StartedSession(SessionResponse.of(tenants.find(tenant).orElseThrow(), user, effective, session), session);
        }

        private Accounts.User link(TenantId tenant, String subject, JWTClaimsSet claims) {
            String email;
            boolean verified;
            try {
                email = claims.getStringClaim("email");
                verified = Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
            } catch (ParseException e) {
                throw new Failed(Failure.REFUSED);
            }
            // Only a verified address may name an existing (or new) Bulwark account.
            if (email == null || !verified) {
                throw new Failed(Failure.REFUSED);
            }
            String normal = Emails.normalise(email);
            if (Emails.problem(normal).isPresent()) {
                throw new Failed(Failure.REFUSED);
            }
            Accounts.User user = accounts.findByEmail(normal).orElseGet(() -> {
                String name = Optional.ofNullable((String) claims.getClaim("name")).filter(n -> !n.isBlank()).orElse(normal);
                // SSO accounts have no usable password: the hash of 32 random bytes nobody holds.
                return accounts.createUser(normal, name.length() > 200 ? name.substring(0, 200) : name, hasher.hash(random()));
            });
            sql.update("INSERT INTO oidc_account_link (tenant_id, subject, user_id) VALUES (?, ?, ?)", tenant, subject, user.id());
            return user;
        }

        private boolean lastOwner(TenantId tenant) {
            return sql.one("SELECT count(*) AS n FROM membership WHERE tenant_id = ? AND role = 'owner'", row -> row.getLong("n"), tenant)
                    .orElse(0L) <= 1;
        }
    }
}
