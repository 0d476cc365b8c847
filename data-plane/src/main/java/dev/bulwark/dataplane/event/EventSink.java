package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.SecurityEvent;

/**
 * Where the pipeline reports what happened: every finished request, and one security event per
 * security rejection. Called on the event loop: implementations must not block, and should not
 * allocate per request (usage is aggregated, see docs/events.md).
 */
public interface EventSink {
    /**
     * One finished request. Identifiers may be null (no route, anonymous caller, no key).
     *
     * @param latencyMicros total time in the gateway, upstream included
     */
    void request(String tenantId, String apiId, String applicationId, String keyId, int status,
                 long latencyMicros, long requestBytes, long responseBytes);

    void security(SecurityEvent event);
}
