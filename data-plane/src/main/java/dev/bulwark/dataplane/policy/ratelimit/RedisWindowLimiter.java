package dev.bulwark.dataplane.policy.ratelimit;

import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Fixed windows kept in Redis, exact across every gateway sharing the Redis: every decision is
 * taken by Redis, but the decisions of one event-loop tick travel in one EVALSHA
 * ({@link DecisionBatcher}); a local memory of full windows spares the round trip while a window
 * stays full.
 *
 * <p>For large windows ({@code capacity >= LEASE_MIN_CAPACITY}) a decision may also lease a few
 * tokens (1 % of the capacity, at most 64) while the window is far from full, so most requests
 * are decided without a round trip. Leasing never over-admits; unspent tokens are lost when the
 * window closes, so a window may admit up to (lease − 1) fewer requests per gateway and concurrent
 * refill. Below the threshold every decision is exact.
 */
public final class RedisWindowLimiter implements WindowLimiter {
    static final long LEASE_MIN_CAPACITY = 1_000;
    static final long MAX_LEASE = 64;

    private final AsyncRedis redis;
    private final long timeoutMillis;
    private final LongSupplier nanoTime;
    private final ExhaustedWindows exhausted = new ExhaustedWindows();
    private final Leases leases = new Leases();
    /** Decisions sent to Redis (several may share one script call). */
    private final java.util.concurrent.atomic.LongAdder roundTrips = new java.util.concurrent.atomic.LongAdder();

    public RedisWindowLimiter(AsyncRedis redis, long timeoutMillis, LongSupplier nanoTime) {
        this.redis = redis;
        this.timeoutMillis = timeoutMillis;
        this.nanoTime = nanoTime;
    }

    @Override
    public Future<Decision> acquire(String key, long capacity, long windowMillis) {
        long sentAt = nanoTime.getAsLong();
        long knownFull = exhausted.remainingMillis(key, sentAt);
        if (knownFull > 0) {
            return Future.succeededFuture(new Decision(false, capacity, 0, knownFull));
        }
        Decision leased = leases.spend(key, capacity, sentAt);
        if (leased != null) {
            return Future.succeededFuture(leased);
        }
        roundTrips.increment();
        return redis.windows().decide(key, capacity, windowMillis, leaseSize(capacity), timeoutMillis)
                .map(reply -> decide(reply, key, capacity, sentAt));
    }

    static long leaseSize(long capacity) {
        return capacity < LEASE_MIN_CAPACITY ? 1 : Math.min(MAX_LEASE, capacity / 100);
    }

    private Decision decide(long[] reply, String key, long capacity, long sentAt) {
        boolean admitted = reply[0] == 1;
        long remaining = reply[1];
        long ttl = reply[2];
        long granted = reply[3];
        if (granted > 1) {
            leases.grant(key, granted - 1, remaining, sentAt, ttl);
            remaining += granted - 1;
        }
        if (remaining <= 0) {
            exhausted.remember(key, sentAt, ttl);
        }
        return new Decision(admitted, capacity, remaining, ttl);
    }

    long roundTrips() {
        return roundTrips.sum();
    }

    int knownFullWindows() {
        return exhausted.size();
    }
}
