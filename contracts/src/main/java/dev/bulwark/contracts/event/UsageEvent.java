package dev.bulwark.contracts.event;

import java.time.Instant;

/**
 * One proxied or rejected request, as the gateway reports it for usage analytics and billing.
 * Identifiers only: no keys, tokens, bodies or query strings.
 */
public record UsageEvent(
        String requestId,
        Instant at,
        String environment,
        String tenantId,
        String apiId,
        String applicationId,
        String keyId,
        String operationId,
        String method,
        int status,
        long latencyMicros,
        long upstreamLatencyMicros,
        long requestBytes,
        long responseBytes) {
}
