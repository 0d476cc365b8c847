package dev.bulwark.contracts.event;

import java.time.Instant;

/**
 * One proxied or rejected request: the per-request usage form of schema version 1, superseded by
 * {@link UsageAggregate}. Gateways no longer write it; the control plane still decodes it so entries
 * already in a stream when a gateway is upgraded are counted.
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
