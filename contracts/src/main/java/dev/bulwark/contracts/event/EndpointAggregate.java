package dev.bulwark.contracts.event;

import java.time.Instant;
import java.util.List;

/**
 * What one consumer did on one endpoint of one API during one gateway flush interval (1 s): the
 * requests one event loop finished that share a UTC minute, tenant, API, endpoint, application, API
 * key and client address. Carried on the endpoint stream for the incident detectors (object
 * enumeration, scraping, shadow endpoints); the usage rollups do not read it. Cardinality is bounded
 * by the gateway (docs/events.md, "Endpoint aggregate").
 *
 * @param endpoint      the matched operation's label (its operationId, or method and path template) when
 *                      {@code documented}; otherwise the method and the normalised path relative to the
 *                      API's base path ({@code GET /internal/users/{id}}), or {@code {other}} past the bound
 * @param documented    false for a path the API's definition does not declare (forwarded by its fallback
 *                      route, or refused by the gateway: see {@code refusedStatus})
 * @param objectIds     true when the operation's path template carries a parameter (an object id)
 * @param clientIp      the client address after trusted-proxy resolution; null past the bound
 * @param denied        requests the upstream answered 403 or 404 (the gateway's own refusals are security events)
 * @param deniedIds     distinct denied object paths, as 8-hex-digit hashes (at most {@link #MAX_IDS}; never the path)
 * @param refusedStatus 0 when the requests were routed (every documented endpoint, and undeclared paths a
 *                      fallback route forwarded); for undeclared paths the gateway refused itself because no
 *                      operation matches, the status it answered: 404, or 405 when the path exists for
 *                      other methods. Absent (0) in aggregates of gateways that predate the field.
 */
public record EndpointAggregate(
        Instant minute,
        Instant lastAt,
        String tenantId,
        String apiId,
        String endpoint,
        boolean documented,
        boolean objectIds,
        String applicationId,
        String keyId,
        String clientIp,
        long requests,
        long denied,
        List<String> deniedIds,
        int refusedStatus) {
    /** Distinct denied ids one aggregate carries; a walk faster than this per second is still far above any threshold. */
    public static final int MAX_IDS = 32;
    /** The endpoint label of undocumented paths past the gateway's per-interval bound. */
    public static final String OTHER = "{other}";

    public EndpointAggregate {
        deniedIds = deniedIds == null ? List.of() : List.copyOf(deniedIds);
    }

    /** A routed endpoint's aggregate ({@code refusedStatus} 0): the form written before refusals were recorded. */
    public EndpointAggregate(Instant minute, Instant lastAt, String tenantId, String apiId, String endpoint, boolean documented,
                             boolean objectIds, String applicationId, String keyId, String clientIp, long requests, long denied,
                             List<String> deniedIds) {
        this(minute, lastAt, tenantId, apiId, endpoint, documented, objectIds, applicationId, keyId, clientIp, requests, denied,
                deniedIds, 0);
    }

    /** True when the gateway refused these requests itself (no operation matched and the API forwards none). */
    public boolean refused() {
        return refusedStatus != 0;
    }
}
