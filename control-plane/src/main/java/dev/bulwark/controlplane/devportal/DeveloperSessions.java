package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.token.TokenSettings;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.OpaqueTokens;
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

    private final DeveloperSessionRepository sessions;
    private final TokenSettings settings;

    public DeveloperSessions(DeveloperSessionRepository sessions, TokenSettings settings) {
        this.sessions = sessions;
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
        sessions.insert(new DeveloperSessionRow(started.sessionId(), tenant, developerId, OpaqueTokens.sha256(token), now,
                started.expiresAt()));
        return started;
    }

    /** The session's developer when the token is current and the developer has signed up; empty otherwise. */
    @Transactional(readOnly = true)
    public Optional<DeveloperCaller> authenticate(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        return sessions.findCurrent(OpaqueTokens.sha256(token), Instant.now())
                .map(s -> new DeveloperCaller(s.developerId(), new TenantId(s.tenantId()), s.slug(), s.email(), s.id(),
                        s.expiresAt()));
    }

    @Transactional
    public void end(DeveloperCaller caller) {
        sessions.deleteByTenantIdAndId(caller.tenantId(), caller.sessionId());
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "4m")
    @Transactional
    void purgeExpired() {
        sessions.deleteByExpiresAtLessThan(Instant.now());
    }

}
