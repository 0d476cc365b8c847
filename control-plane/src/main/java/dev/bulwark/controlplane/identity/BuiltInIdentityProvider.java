package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.identity.token.SessionTokens;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in identity provider: ES256 tokens signed by the control plane's own rotating key.
 * Every request re-reads the membership, so a removed member or a changed role takes effect at
 * once rather than when the token expires; the same query refuses revoked (logged-out) tokens.
 */
@Singleton
public class BuiltInIdentityProvider implements IdentityProvider {
    private final SessionTokens tokens;
    private final AccountMemberships memberships;
    private final RevokedTokenRepository revoked;

    BuiltInIdentityProvider(SessionTokens tokens, AccountMemberships memberships, RevokedTokenRepository revoked) {
        this.tokens = tokens;
        this.memberships = memberships;
        this.revoked = revoked;
    }

    @Override
    public Session startSession(UUID userId, TenantId tenant, Role role, String email) {
        SessionTokens.IssuedToken issued = tokens.issue(userId, tenant, role, email);
        return new Session(issued.token(), issued.jti(), issued.expiresAt());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AuthenticatedSession> authenticate(String token) {
        return tokens.verify(token).flatMap(claims -> memberships.active(claims.tenantId(), claims.userId(), claims.jti())
                .map(member -> new AuthenticatedSession(
                        new Principal(claims.userId(), claims.tenantId(), Accounts.role(member.role()), member.email()),
                        claims.jti(), claims.expiresAt())));
    }

    @Override
    @Transactional
    public void endSession(AuthenticatedSession session) {
        revoked.revoke(session.sessionId(), session.expiresAt());
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "2m")
    @Transactional
    void purgeExpiredRevocations() {
        revoked.deleteByExpiresAtLessThan(Instant.now().minusSeconds(300));
    }
}
