package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.upstream.UpstreamGroup;
import java.util.List;

/**
 * One routable operation with its policy chain already built and sorted by order: nothing about
 * the chain is decided per request.
 *
 * @param operation the matched operation, or null when the API declares none (catch-all API)
 * @param upstreams where the route forwards to, with its timeouts and retry budget
 * @param label     bounded-cardinality name for logs: the operation id, or method and template
 */
public record CompiledRoute(ApiEntry api, OperationEntry operation, List<Policy> policies, UpstreamGroup upstreams, String label) {
    public CompiledRoute {
        policies = List.copyOf(policies);
    }

    /** A route without upstreams, for tests of policies. */
    public CompiledRoute(ApiEntry api, OperationEntry operation, List<Policy> policies) {
        this(api, operation, policies, null, operation == null ? "*" : operation.operationId());
    }
}
