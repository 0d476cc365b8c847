package dev.bulwark.controlplane.automation;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.IdentityProvider.AuthenticatedSession;
import dev.bulwark.controlplane.identity.session.BearerTokenAuthenticator;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tenant automation tokens: {@code bwat_} and 256 random bits, for the command line and CI. Only the
 * SHA-256 is stored (with that entropy a slow or keyed hash adds nothing). A token acts in its tenant
 * with its own role (viewer, publisher or admin, never owner) on behalf of the member who created it,
 * so what it writes stays attributable; audit entries name the token, not the person.
 */
@Singleton
public class AutomationTokens implements BearerTokenAuthenticator {
    static final String PREFIX = "bwat_";
    private static final Pattern FORMAT = Pattern.compile("bwat_[A-Za-z0-9_-]{43}");
    private static final int SHOWN_PREFIX = 12;
    /** How long the console's idea of "session expiry" is for a token that never expires. */
    private static final Duration OPEN_ENDED = Duration.ofDays(1);

    private final AutomationTokenRepository tokens;
    private final AuditTrail audit;

    AutomationTokens(AutomationTokenRepository tokens, AuditTrail audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** What a token may be created with; {@code expiresAt} null means it never expires. */
    @Introspected
    public record Request(String name, Role role, @Nullable Instant expiresAt) {
    }

    @Transactional
    public IssuedAutomationToken issue(Principal creator, Request request) {
        if (request == null) {
            throw ProblemException.invalid("name", "is required");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ProblemException.invalid("name", "must be 1-100 characters");
        }
        if (request.role() == null || request.role() == Role.OWNER) {
            throw ProblemException.invalid("role", "must be one of viewer, publisher, admin");
        }
        if (!creator.role().includes(request.role())) {
            throw ProblemException.invalid("role", "cannot be above your own role");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ProblemException.invalid("expiresAt", "must be in the future");
        }
        String token = OpaqueTokens.issue(PREFIX);
        AutomationTokenRow row = new AutomationTokenRow(UUID.randomUUID(), creator.tenantId(), name, request.role(),
                OpaqueTokens.sha256Hex(token), token.substring(0, SHOWN_PREFIX), now, creator.userId(),
                request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS), null, null);
        tokens.insert(row);
        audit.record(creator, "automation-token.create", "automation-token", row.id().toString(), null, row.view());
        return new IssuedAutomationToken(row.view(), token);
    }

    @Transactional(readOnly = true)
    public List<AutomationToken> list(TenantId tenant) {
        return tokens.list(tenant).stream().map(AutomationTokenRow::view).toList();
    }

    /** Revokes an active token of the caller's tenant; 404 for another tenant's, an unknown or a revoked one. */
    @Transactional
    public void revoke(Principal revoker, UUID id) {
        AutomationTokenRow before = tokens.findByTenantIdAndId(revoker.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("Automation token"));
        if (tokens.revoke(revoker.tenantId(), id) != 1) {
            throw ProblemException.notFound("Automation token");
        }
        audit.record(revoker, "automation-token.revoke", "automation-token", id.toString(), before.view(), null);
    }

    /** True when the session was opened by an automation token rather than by a person. */
    public boolean isToken(AuthenticatedSession session) {
        return tokens.findByTenantIdAndId(session.principal().tenantId(), session.sessionId()).isPresent();
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(PREFIX);
    }

    @Override
    @Transactional
    public Optional<AuthenticatedSession> authenticate(String token) {
        if (!FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        return tokens.findUsable(OpaqueTokens.sha256Hex(token)).map(row -> {
            tokens.touch(row.tenantId(), row.id());
            Principal principal = new Principal(row.createdBy(), row.tenantId(), row.role(), "automation token " + row.name());
            Instant expiry = row.expiresAt() != null ? row.expiresAt() : Instant.now().plus(OPEN_ENDED);
            return new AuthenticatedSession(principal, row.id(), expiry);
        });
    }
}
