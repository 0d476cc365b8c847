package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.upstream.UpstreamGroup;
import java.util.List;

/**
 * One routable operation with its policy chain already built and sorted by order: nothing about
 * the chain is decided per request.
 *
 * @param operation the matched operation, or null when the API declares none (catch-all API) or no
 *                  operation matched (the API's fallback route)
 * @param upstreams where the route forwards to, with its timeouts and retry budget
 * @param label     bounded-cardinality name for logs: the operation id, or method and template
 * @param contract  the operation's compiled contract when contract validation is in force on this
 *                  route and the snapshot carries one; null otherwise. Inspecting policies read its
 *                  {@link CompiledOperation#typeHint type hints}.
 */
public record CompiledRoute(ApiEntry api, OperationEntry operation, List<Policy> policies, UpstreamGroup upstreams, String label,
                            CompiledOperation contract) {
    public CompiledRoute {
        policies = List.copyOf(policies);
    }

    public CompiledRoute(ApiEntry api, OperationEntry operation, List<Policy> policies, UpstreamGroup upstreams, String label) {
        this(api, operation, policies, upstreams, label, null);
    }

    /** A route without upstreams, for tests of policies. */
    public CompiledRoute(ApiEntry api, OperationEntry operation, List<Policy> policies) {
        this(api, operation, policies, null, operation == null ? "*" : operation.operationId(), null);
    }
}
