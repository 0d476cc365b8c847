package dev.bulwark.dataplane.policy.ratelimit;

import io.vertx.core.Future;

/** Counts one request against a fixed window of {@code capacity} requests per {@code windowMillis}. */
public interface WindowLimiter {
    Future<Decision> acquire(String key, long capacity, long windowMillis);
}
