package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.snapshot.PlanEntry;
import java.util.List;
import java.util.Set;

/** A plan with its policies built, applied once the consumer (and so the plan) is known. */
public record CompiledPlan(PlanEntry plan, Set<String> allowedOperations, List<Policy> policies) {
    public CompiledPlan {
        allowedOperations = Set.copyOf(allowedOperations);
        policies = List.copyOf(policies);
    }

    public boolean allows(String operationId) {
        return allowedOperations.isEmpty() || (operationId != null && allowedOperations.contains(operationId));
    }
}
