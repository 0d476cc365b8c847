package dev.bulwark.contracts.snapshot;

import dev.bulwark.contracts.policy.PolicyConfig;
import java.util.List;

/**
 * A plan of an API: what its subscribers may call and their limits.
 *
 * @param allowedOperations operation ids the plan allows; empty means every operation
 * @param policies          plan-level policies (rate limit, quota), overriding API-level ones
 */
public record PlanEntry(
        String planId,
        String tenantId,
        String apiId,
        List<String> allowedOperations,
        List<PolicyConfig> policies) {

    public PlanEntry {
        allowedOperations = allowedOperations == null ? List.of() : List.copyOf(allowedOperations);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }
}
