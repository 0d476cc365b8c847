package dev.bulwark.contracts.snapshot;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;

/**
 * One operation of an API's OpenAPI document.
 *
 * @param pathTemplate path relative to the API's base path, e.g. {@code /orders/{orderId}}
 * @param policies     operation-level policies; they override API-level ones of the same type
 * @param contract     what the operation accepts and answers, from the API's document; null in snapshots
 *                     compiled before contracts, so that their hash does not change
 */
public record OperationEntry(
        String operationId,
        String method,
        String pathTemplate,
        List<String> requiredScopes,
        List<PolicyConfig> policies,
        OperationContract contract) {

    public OperationEntry {
        requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** An operation without a contract. */
    public OperationEntry(String operationId, String method, String pathTemplate, List<String> requiredScopes,
                          List<PolicyConfig> policies) {
        this(operationId, method, pathTemplate, requiredScopes, policies, null);
    }

    public OperationEntry withContract(OperationContract next) {
        return new OperationEntry(operationId, method, pathTemplate, requiredScopes, policies, next);
    }
}
