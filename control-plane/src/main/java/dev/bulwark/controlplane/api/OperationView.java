package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;
import java.util.UUID;

/** An operation as listed: {@code operationId} is its key (the document's operationId or "METHOD /path"). */
public record OperationView(UUID id, String operationId, String method, String pathTemplate,
                            List<String> requiredScopes, List<PolicyConfig> policies) {
    public static OperationView of(Operation operation) {
        return new OperationView(operation.id(), operation.key(), operation.method(), operation.pathTemplate(),
                operation.requiredScopes(), operation.policies());
    }
}
