package dev.bulwark.dataplane.policy.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens Redis granted this gateway ahead of use, for windows far from full. Every token was
 * counted in Redis when granted, so spending one locally can never over-admit; a token left
 * unspent when its window closes is lost (the only inaccuracy: under-admission). A lease expires
 * at send-time + TTL, never after its window.
 */
final class Leases {
    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    /** Spends one leased token; null when there is none. */
    Decision spend(String key, long capacity, long nowNanos) {
        Lease lease = leases.get(key);
        if (lease == null) {
            return null;
        }
        long left = lease.closesAt - nowNanos;
        if (left <= 0) {
            leases.remove(key, lease);
            return null;
        }
        long tokens = lease.tokens.decrementAndGet();
        if (tokens < 0) {
            leases.remove(key, lease);
            return null;
        }
        return new Decision(true, capacity, lease.remainingAtGrant + tokens, Math.max(1, left / 1_000_000));
    }

    void grant(String key, long tokens, long remainingInRedis, long sentAtNanos, long ttlMillis) {
        if (leases.size() >= MAX_ENTRIES) {
            leases.clear();
        }
        // Concurrent misses of one gateway each bring a grant back: add to the open lease instead of
        // replacing it, or the replaced lease's tokens (counted in Redis) are lost to every caller.
        leases.compute(key, (ignored, open) -> {
            if (open != null && open.closesAt > sentAtNanos && open.tokens.get() >= 0) {
                open.tokens.addAndGet(tokens);
                open.remainingAtGrant = Math.min(open.remainingAtGrant, remainingInRedis);
                return open;
            }
            return new Lease(sentAtNanos + ttlMillis * 1_000_000, tokens, remainingInRedis);
        });
    }

    private static final class Lease {
        final long closesAt;
        final AtomicLong tokens;
        volatile long remainingAtGrant;

        Lease(long closesAt, long tokens, long remainingAtGrant) {
            this.closesAt = closesAt;
            this.tokens = new AtomicLong(tokens);
            this.remainingAtGrant = remainingAtGrant;
        }
    }
}
