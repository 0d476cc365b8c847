package dev.bulwark.dataplane.upstream;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Breakers by origin, kept across snapshot swaps so that publishing a new snapshot does not
 * close an open breaker.
 */
public final class UpstreamRegistry {
    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final int failureThreshold;
    private final long openMillis;

    public UpstreamRegistry(int failureThreshold, long openMillis) {
        this.failureThreshold = failureThreshold;
        this.openMillis = openMillis;
    }

    public Upstream upstream(Origin origin) {
        return new Upstream(origin, breakers.computeIfAbsent(origin.key(), key -> new CircuitBreaker(failureThreshold, openMillis)));
    }
}
