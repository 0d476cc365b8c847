package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.identity.token.SessionTokens;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in identity provider: ES256 tokens signed by the control plane's own rotating key.
 * Every request re-reads the membership, so a removed member or a changed role takes effect at
 * once rather than when the token expires; the same query refuses revoked (logged-out) tokens.
 * <p>Hand SQL for now: the per-request membership and revoked_token check reads platform tables; see
 * docs/architecture.md, "Data access".
 */
@Singleton
public class BuiltInIdentityProvider implements IdentityProvider {
    private final SessionTokens tokens;
    private final Sql sql;

    public BuiltInIdentityProvider(SessionTokens tokens, Sql sql) {
        this.tokens = tokens;
        this.sql = sql;
    }

    @Override
    public Session startSession(UUID userId, TenantId tenant, Role role, String email) {
        SessionTokens.IssuedToken issued = tokens.issue(userId, tenant, role, email);
        return new Session(issued.token(), issued.jti(), issued.expiresAt());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AuthenticatedSession> authenticate(String token) {
        return tokens.verify(token).flatMap(claims -> sql.one("""
                SELECT m.role, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
                WHERE m.tenant_id = ? AND m.user_id = ?
                  AND NOT EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = ?)""",
                row -> new AuthenticatedSession(
                        new Principal(claims.userId(), claims.tenantId(), Role.valueOf(row.getString("role").toUpperCase(Locale.ROOT)),
                                row.getString("email")),
                        claims.jti(), claims.expiresAt()),
                claims.tenantId(), claims.userId(), claims.jti()));
    }

    @Override
    @Transactional
    public void endSession(AuthenticatedSession session) {
        sql.update("INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING",
                session.sessionId(), session.expiresAt());
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "2m")
    @Transactional
    void purgeExpiredRevocations() {
        sql.update("DELETE FROM revoked_token WHERE expires_at < ?", Instant.now().minusSeconds(300));
    }
}
