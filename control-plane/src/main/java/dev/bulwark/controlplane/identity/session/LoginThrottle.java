package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.web.ClientAddressFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Exponential back-off on failed log-ins, per account (the email as typed, whether or not it
 * exists, so the throttle itself reveals nothing) and per client address. Counts live in
 * PostgreSQL so every replica sees them. A success clears the account's count, not the address's:
 * one good password must not reset a stuffing run from that address.
 * <p>Hand SQL: failures are counted by one atomic upsert (INSERT ... ON CONFLICT ... RETURNING), keyed by
 * account or address, not by tenant.
 */
@Singleton
public class LoginThrottle {
    private final Sql sql;
    private final ThrottleSettings settings;

    public LoginThrottle(Sql sql, ThrottleSettings settings) {
        this.sql = sql;
        this.settings = settings;
    }

    /**
     * The client's address as a throttle key, behind trusted proxies too (see {@code web.TrustedProxies}).
     * Here rather than on a controller so member and developer log-in share it without importing each other's web layer.
     */
    public static String clientIp(HttpRequest<?> request) {
        String address = ClientAddressFilter.of(request);
        return address == null ? "unknown" : address;
    }

    static String accountKey(String email) {
        return "account:" + email.toLowerCase(Locale.ROOT);
    }

    static String ipKey(String ip) {
        return "ip:" + ip;
    }

    /** How long the caller must still wait, if either key is locked. */
    @Transactional(readOnly = true)
    public Optional<Duration> lockedFor(String email, String ip, Instant now) {
        return sql.one("""
                        SELECT locked_until FROM login_attempt WHERE throttle_key IN (?, ?) AND locked_until > ?
                        ORDER BY locked_until DESC LIMIT 1""", row -> Sql.instant(row, "locked_until"), accountKey(email), ipKey(ip), now)
                .map(until -> Duration.between(now, until));
    }

    @Transactional
    public void failed(String email, String ip, Instant now) {
        count(accountKey(email), settings.accountFreeFailures(), now);
        count(ipKey(ip), settings.ipFreeFailures(), now);
    }

    @Transactional
    public void succeeded(String email) {
        sql.update("DELETE FROM login_attempt WHERE throttle_key = ?", accountKey(email));
    }

    private void count(String key, int free, Instant now) {
        int failures = sql.one("""
                INSERT INTO login_attempt (throttle_key, failures, last_failure_at) VALUES (?, 1, ?)
                ON CONFLICT (throttle_key) DO UPDATE SET
                    failures = CASE WHEN login_attempt.last_failure_at < ? THEN 1 ELSE login_attempt.failures + 1 END,
                    last_failure_at = EXCLUDED.last_failure_at
                RETURNING failures""", row -> row.getInt("failures"), key, now, now.minus(settings.window())).orElseThrow();
        if (failures >= free) {
            sql.update("UPDATE login_attempt SET locked_until = ? WHERE throttle_key = ?", now.plus(delay(failures - free)), key);
        }
    }

    Duration delay(int excess) {
        Duration max = settings.maxDelay();
        if (excess >= 30) {
            return max;
        }
        Duration delay = settings.baseDelay().multipliedBy(1L << excess);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "3m")
    @Transactional
    void purgeStale() {
        Instant now = Instant.now();
        sql.update("DELETE FROM login_attempt WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                now.minus(settings.window()), now);
    }
}
