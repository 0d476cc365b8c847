package dev.bulwark.contracts.snapshot;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;

/**
 * A published API as the gateway routes it.
 *
 * @param host                exact Host to match, or null for any host
 * @param basePath            path prefix, "/" or starting with "/" and without a trailing slash
 * @param upstreams           base URLs requests are forwarded to (round robin)
 * @param policies            API-level policies, applied to every operation
 * @param allowedPrivateCidrs non-public networks (CIDR text) the gateway may connect to for this API
 *                            (upstreams and JWKS), as the platform operator allowed them; null when
 *                            none (only public addresses), so snapshots without it keep their hash.
 *                            Cloud metadata addresses stay refused whatever it says.
 * @param deniedEndpoints     the platform's own endpoints ({@code <cidr>:<port>}, IPv6 in brackets) that
 *                            no upstream may connect to, whatever the allow-list says; null when none
 * @param schemas             the definitions the operations' contracts refer to ({@code #/$defs/<name>}):
 *                            a JSON object text mapping each name to a JSON Schema 2020-12 schema;
 *                            null when there are none (and in snapshots compiled before contracts)
 */
public record ApiEntry(
        String apiId,
        String tenantId,
        String name,
        String host,
        String basePath,
        List<String> upstreams,
        List<OperationEntry> operations,
        List<PolicyConfig> policies,
        List<String> allowedPrivateCidrs,
        List<String> deniedEndpoints,
        String schemas) {

    public ApiEntry {
        upstreams = List.copyOf(upstreams);
        operations = operations == null ? List.of() : List.copyOf(operations);
        policies = policies == null ? List.of() : List.copyOf(policies);
        allowedPrivateCidrs = allowedPrivateCidrs == null || allowedPrivateCidrs.isEmpty() ? null : List.copyOf(allowedPrivateCidrs);
        deniedEndpoints = deniedEndpoints == null || deniedEndpoints.isEmpty() ? null : List.copyOf(deniedEndpoints);
    }

    /** An API whose operations carry no contract definitions. */
    public ApiEntry(String apiId, String tenantId, String name, String host, String basePath, List<String> upstreams,
                    List<OperationEntry> operations, List<PolicyConfig> policies, List<String> allowedPrivateCidrs,
                    List<String> deniedEndpoints) {
        this(apiId, tenantId, name, host, basePath, upstreams, operations, policies, allowedPrivateCidrs, deniedEndpoints, null);
    }

    /** An API that may reach public addresses only. */
    public ApiEntry(String apiId, String tenantId, String name, String host, String basePath, List<String> upstreams,
                    List<OperationEntry> operations, List<PolicyConfig> policies) {
        this(apiId, tenantId, name, host, basePath, upstreams, operations, policies, null, null, null);
    }

    /** An API with an allow-list of private networks and no platform endpoints to avoid. */
    public ApiEntry(String apiId, String tenantId, String name, String host, String basePath, List<String> upstreams,
                    List<OperationEntry> operations, List<PolicyConfig> policies, List<String> allowedPrivateCidrs) {
        this(apiId, tenantId, name, host, basePath, upstreams, operations, policies, allowedPrivateCidrs, null, null);
    }

    /** This API with other operations and definitions (the control plane adds contracts this way). */
    public ApiEntry withContracts(List<OperationEntry> nextOperations, String nextSchemas) {
        return new ApiEntry(apiId, tenantId, name, host, basePath, upstreams, nextOperations, policies, allowedPrivateCidrs,
                deniedEndpoints, nextSchemas);
    }

    /** The allow-list, empty when the API may reach public addresses only. */
    public List<String> privateCidrs() {
        return allowedPrivateCidrs == null ? List.of() : allowedPrivateCidrs;
    }
}
