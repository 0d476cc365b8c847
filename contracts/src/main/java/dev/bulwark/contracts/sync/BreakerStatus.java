package dev.bulwark.contracts.sync;

import java.time.Instant;

/**
 * One circuit breaker of a data plane that is not closed: breakers are per tenant, API and origin.
 *
 * @param origin scheme, host and port of the upstream (never a path or credentials)
 * @param state  {@code open} (refusing until the cool-down ends) or {@code half-open} (one probe may go)
 * @param since  when the breaker last opened
 */
public record BreakerStatus(String tenantId, String apiId, String origin, String state, Instant since) {
    /** A heartbeat stays small whatever happens upstream; the rest is in the gateway's /metrics. */
    public static final int MAX_REPORTED = 100;
    public static final String OPEN = "open";
    public static final String HALF_OPEN = "half-open";
}
