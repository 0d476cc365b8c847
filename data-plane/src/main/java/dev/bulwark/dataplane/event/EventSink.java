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

    /**
     * The endpoint of one finished request that reached its API's routes, or that its API refused for
     * matching no operation, for the incident detectors (endpoint aggregates, docs/events.md).
     * Ignored unless the sink ships them.
     *
     * @param operation the matched operation's label; null when the API's definition does not declare the path
     * @param objectIds the operation's path template carries a parameter
     * @param path      the request path relative to the API's base path
     * @param denied    the upstream answered 403 or 404
     * @param refusedStatus 0 when the request was routed; else the status the gateway refused it with
     *                  because no operation of the API matches (404, 405), {@code operation} then null
     */
    default void endpoint(String tenantId, String apiId, String operation, boolean objectIds, String applicationId,
                          String keyId, String clientIp, String method, String path, boolean denied, int refusedStatus) {
    }
}
