package dev.bulwark.contracts.snapshot;

import java.util.Map;

/**
 * A developer's application and its approved subscriptions.
 *
 * @param planByApi apiId → planId of each active subscription
 */
public record ApplicationEntry(String applicationId, String tenantId, String name, Map<String, String> planByApi) {

    public ApplicationEntry {
        planByApi = planByApi == null ? Map.of() : Map.copyOf(planByApi);
    }
}
