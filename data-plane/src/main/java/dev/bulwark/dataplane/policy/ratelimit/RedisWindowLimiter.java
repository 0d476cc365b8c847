package dev.bulwark.dataplane.policy.ratelimit;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Fixed windows kept in Redis: one EVALSHA per decision, exact across every gateway sharing the
 * Redis, with a local memory of full windows that spares the round trip while a window stays full.
 */
public final class RedisWindowLimiter implements WindowLimiter {
    static final RedisScript SCRIPT = RedisScript.load("/ratelimit/fixed_window.lua");

    private final AsyncRedis redis;
    private final long timeoutMillis;
    private final LongSupplier nanoTime;
    private final ExhaustedWindows exhausted = new ExhaustedWindows();

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
        return redis.run(SCRIPT, timeoutMillis, key, Long.toString(capacity), Long.toString(windowMillis))
                .map(reply -> decide(reply, key, capacity, sentAt));
    }

    private Decision decide(List<Object> reply, String key, long capacity, long sentAt) {
        boolean admitted = ((Number) reply.get(0)).longValue() == 1;
        long remaining = ((Number) reply.get(1)).longValue();
        long ttl = ((Number) reply.get(2)).longValue();
        if (remaining <= 0) {
            exhausted.remember(key, sentAt, ttl);
        }
        return new Decision(admitted, capacity, remaining, ttl);
    }

    int knownFullWindows() {
        return exhausted.size();
    }
}
