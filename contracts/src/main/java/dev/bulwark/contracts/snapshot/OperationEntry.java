package dev.bulwark.contracts.snapshot;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;

/**
 * One operation of an API's OpenAPI document.
 *
 * @param pathTemplate path relative to the API's base path, e.g. {@code /orders/{orderId}}
 * @param policies     operation-level policies; they override API-level ones of the same type
 */
public record OperationEntry(
        String operationId,
        String method,
        String pathTemplate,
        List<String> requiredScopes,
        List<PolicyConfig> policies) {

    public OperationEntry {
        requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }
}
