package dev.bulwark.controlplane.policy;

import dev.bulwark.contracts.policy.PolicyType;
import java.util.Set;

/**
 * Where a policy can be attached. Authentication belongs to the API or an operation (it decides
 * who the caller is before any plan is known); plans carry only the limits they sell.
 */
public enum PolicyLevel {
    API("an API", attachable()),
    OPERATION("an operation", attachable()),
    PLAN("a plan", Set.of(PolicyType.RATE_LIMIT, PolicyType.QUOTA));

    private final String description;
    private final Set<String> allowedTypes;

    PolicyLevel(String description, Set<String> allowedTypes) {
        this.description = description;
        this.allowedTypes = Set.copyOf(allowedTypes);
    }

    /** Every type but the plan allowance, which only the snapshot compiler adds (from the tenant's billing plan). */
    private static Set<String> attachable() {
        Set<String> types = new java.util.HashSet<>(PolicyType.all().keySet());
        types.remove(PolicyType.PLAN_ALLOWANCE);
        return types;
    }

    public boolean allows(String type) {
        return allowedTypes.contains(type);
    }

    public String description() {
        return description;
    }

    public Set<String> allowedTypes() {
        return allowedTypes;
    }
}
