package dev.bulwark.controlplane.dataplane;

import java.time.Instant;

/**
 * A circuit breaker a data plane reported as not closed with its last heartbeat.
 *
 * @param origin scheme, host and port of the upstream
 * @param state  {@code open} or {@code half-open}
 * @param since  when it last opened, by the data plane's clock
 */
public record BreakerView(String apiId, String origin, String state, Instant since) {
}
