package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.token.TokenSettings;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Developer sessions: an opaque {@code bwdev_} token of 256 random bits, stored only as its SHA-256.
 * A different format from member session JWTs, checked against a different table, so neither kind
 * of session can pass for the other. Lifetime follows the member session TTL
 * ({@code bulwark.identity.tokens.ttl}); log-out deletes the row.
 */
@Singleton
public class DeveloperSessions {
    static final String PREFIX = "bwdev_";
    private static final Pattern FORMAT = Pattern.compile("bwdev_[A-Za-z0-9_-]{43}");

    private final Sql sql;
    private final TokenSettings settings;

    public DeveloperSessions(Sql sql, TokenSettings settings) {
        this.sql = sql;
        this.settings = settings;
    }

    public record Started(String token, UUID sessionId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Started[sessionId=" + sessionId + "]";
        }
    }

    @Transactional
    public Started start(TenantId tenant, UUID developerId) {
        String token = OpaqueTokens.issue(PREFIX);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Started started = new Started(token, Ids.next(), now.plus(settings.ttl()));
        sql.update("INSERT INTO developer_session (id, tenant_id, developer_id, token_hash, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", started.sessionId(), tenant, developerId, OpaqueTokens.sha256(token), now, started.expiresAt());
        return started;
    }

    /** The session's developer when the token is current and the developer has signed up; empty otherwise. */
    @Transactional(readOnly = true)
    public Optional<DeveloperCaller> authenticate(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        return sql.one("""
                SELECT s.id, s.tenant_id, s.developer_id, s.expires_at, d.email, t.slug
                FROM developer_session s
                JOIN developer d ON d.id = s.developer_id AND d.tenant_id = s.tenant_id
                JOIN tenant t ON t.id = s.tenant_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND d.password_hash IS NOT NULL""",
                row -> new DeveloperCaller(Sql.uuid(row, "developer_id"), new TenantId(Sql.uuid(row, "tenant_id")),
                        row.getString("slug"), row.getString("email"), Sql.uuid(row, "id"), Sql.instant(row, "expires_at")),
                OpaqueTokens.sha256(token), Instant.now());
    }

    @Transactional
    public void end(DeveloperCaller caller) {
        sql.update("DELETE FROM developer_session WHERE tenant_id = ? AND id = ?", caller.tenantId(), caller.sessionId());
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "4m")
    @Transactional
    void purgeExpired() {
        sql.update("DELETE FROM developer_session WHERE expires_at < ?", Instant.now());
    }

}
