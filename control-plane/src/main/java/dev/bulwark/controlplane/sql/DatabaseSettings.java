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
 * @param statementTimeout longest one SQL statement may run before PostgreSQL cancels it ({@code statement_timeout}
 *                       of every pooled connection); zero: no limit (a long migration, see docs/operations.md)
 * @param maxLifetime    a pooled connection is replaced after this long, so connections move to a
 *                       promoted or re-balanced server; keep it below any proxy's or server's idle cut-off
 */
@Singleton
public record DatabaseSettings(
        @Value("${bulwark.database.acquire-timeout:2s}") Duration acquireTimeout,
        @Value("${bulwark.database.retry-after:5s}") Duration retryAfter,
        @Value("${bulwark.database.statement-timeout:60s}") Duration statementTimeout,
        @Value("${bulwark.database.max-lifetime:30m}") Duration maxLifetime) {

    public DatabaseSettings(Duration acquireTimeout, Duration retryAfter) {
        this(acquireTimeout, retryAfter, Duration.ofSeconds(60), Duration.ofMinutes(30));
    }

    public DatabaseSettings {
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("bulwark.database.statement-timeout must not be negative");
        }
        if (maxLifetime.toSeconds() < 30) {
            throw new IllegalArgumentException("bulwark.database.max-lifetime must be at least 30s");
        }
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
