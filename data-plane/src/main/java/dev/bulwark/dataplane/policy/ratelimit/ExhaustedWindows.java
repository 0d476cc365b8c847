package dev.bulwark.dataplane.policy.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Windows Redis has reported full, remembered until they close, so a caller hammering an exhausted
 * limit is rejected without a round trip. Safe by construction: a full window's counter only grows
 * until it expires, and the deadline kept here is the moment the request was sent plus the TTL
 * Redis reported, which is never later than the real expiry. It can therefore never reject a
 * request Redis would admit, nor admit one.
 */
public final class ExhaustedWindows {
    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<String, Long> closesAtNanos = new ConcurrentHashMap<>();

    /** Milliseconds until the window closes when it is known to be full, otherwise -1. */
    public long remainingMillis(String key, long nowNanos) {
        Long closesAt = closesAtNanos.get(key);
        if (closesAt == null) {
            return -1;
        }
        long left = closesAt - nowNanos;
        if (left <= 0) {
            closesAtNanos.remove(key, closesAt);
            return -1;
        }
        return Math.max(1, left / 1_000_000);
    }

    public void remember(String key, long sentAtNanos, long ttlMillis) {
        if (closesAtNanos.size() >= MAX_ENTRIES) {
            // Forgetting only costs round trips, never correctness; a bound keeps memory flat under key floods.
            closesAtNanos.clear();
        }
        closesAtNanos.put(key, sentAtNanos + ttlMillis * 1_000_000);
    }

    int size() {
        return closesAtNanos.size();
    }
}
