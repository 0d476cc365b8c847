package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.policy.Policy;
import java.util.List;

/**
 * One routable operation with its policy chain already built and sorted by order: nothing about
 * the chain is decided per request.
 *
 * @param operation the matched operation, or null when the API declares none (catch-all API)
 */
public record CompiledRoute(ApiEntry api, OperationEntry operation, List<Policy> policies) {
    public CompiledRoute {
        policies = List.copyOf(policies);
    }
}
