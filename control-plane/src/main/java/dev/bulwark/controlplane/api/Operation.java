package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;
import java.util.UUID;

/** One operation of an API's document, addressable by {@code key} (operationId or "METHOD /path"). */
public record Operation(UUID id, UUID apiId, String key, String method, String pathTemplate,
                        List<String> requiredScopes, List<PolicyConfig> policies) {
    public Operation {
        requiredScopes = List.copyOf(requiredScopes);
        policies = List.copyOf(policies);
    }
}
