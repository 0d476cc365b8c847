package dev.bulwark.controlplane.sql;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * How the control plane behaves while PostgreSQL is unreachable ({@code bulwark.database.*}).
 *
 * @param acquireTimeout longest a request waits for a pooled connection before it is answered 503
 *                       {@code DATABASE_UNAVAILABLE} (the pool's connection timeout; at least 250 ms)
 * @param retryAfter     what that 503 tells clients to wait before retrying ({@code Retry-After})
 */
@Singleton
public record DatabaseSettings(
        @Value("${bulwark.database.acquire-timeout:2s}") Duration acquireTimeout,
        @Value("${bulwark.database.retry-after:5s}") Duration retryAfter) {

    public DatabaseSettings {
        if (acquireTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("bulwark.database.acquire-timeout must be at least 250ms");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("bulwark.database.retry-after must be positive");
        }
    }

    /** Whole seconds, at least one, as Retry-After wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
