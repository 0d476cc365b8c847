package dev.bulwark.dataplane.policy.ratelimit;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fixed windows in this gateway's memory: no Redis, same semantics per gateway. With N gateways
 * behind a balancer a caller may be admitted up to N times the limit per window.
 */
public final class LocalWindowLimiter implements WindowLimiter {
    private static final int PURGE_ABOVE = 100_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public LocalWindowLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public Future<Decision> acquire(String key, long capacity, long windowMillis) {
        long now = nanoTime.getAsLong();
        if (windows.size() > PURGE_ABOVE) {
            windows.values().removeIf(window -> window.closed(now));
        }
        Window window = windows.compute(key, (k, current) ->
                current == null || current.closed(now) ? new Window(now + windowMillis * 1_000_000) : current);
        return Future.succeededFuture(window.take(capacity, now));
    }

    private static final class Window {
        private final long closesAt;
        private long count;

        Window(long closesAt) {
            this.closesAt = closesAt;
        }

        boolean closed(long now) {
            return now - closesAt >= 0;
        }

        synchronized Decision take(long capacity, long now) {
            long reset = Math.max(1, (closesAt - now) / 1_000_000);
            if (count >= capacity) {
                return new Decision(false, capacity, 0, reset);
            }
            count++;
            return new Decision(true, capacity, capacity - count, reset);
        }
    }
}
