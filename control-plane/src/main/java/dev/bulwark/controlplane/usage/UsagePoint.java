package dev.bulwark.controlplane.usage;

import java.time.Instant;

/**
 * One step of a usage time series. Latencies are milliseconds estimated from the histogram
 * (null when there were no requests); {@code bytes} is request plus response bytes.
 */
public record UsagePoint(Instant t, long requests, long errors, Double p50, Double p95, Double p99, Double avgLatency,
                         long bytes, long requestBytes, long responseBytes) {
    static UsagePoint empty(Instant t) {
        return new UsagePoint(t, 0, 0, null, null, null, null, 0, 0, 0);
    }
}
