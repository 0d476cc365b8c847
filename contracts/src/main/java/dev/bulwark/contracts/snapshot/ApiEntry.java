package dev.bulwark.contracts.snapshot;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;

/**
 * A published API as the gateway routes it.
 *
 * @param host      exact Host to match, or null for any host
 * @param basePath  path prefix, "/" or starting with "/" and without a trailing slash
 * @param upstreams base URLs requests are forwarded to (round robin)
 * @param policies  API-level policies, applied to every operation
 */
public record ApiEntry(
        String apiId,
        String tenantId,
        String name,
        String host,
        String basePath,
        List<String> upstreams,
        List<OperationEntry> operations,
        List<PolicyConfig> policies) {

    public ApiEntry {
        upstreams = List.copyOf(upstreams);
        operations = operations == null ? List.of() : List.copyOf(operations);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }
}
