package dev.bulwark.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A developer's application and its approved subscriptions.
 *
 * @param planByApi        apiId → planId of each active subscription
 * @param tokensNotBefore  epoch second before which the gateway refuses the application's bearer
 *                         tokens (set when its OAuth client is revoked: a self-contained token
 *                         would otherwise live until it expires); null when none
 */
public record ApplicationEntry(String applicationId, String tenantId, String name, Map<String, String> planByApi,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long tokensNotBefore) {

    public ApplicationEntry {
        planByApi = planByApi == null ? Map.of() : Map.copyOf(planByApi);
    }

    /** An application whose tokens have never been revoked. */
    public ApplicationEntry(String applicationId, String tenantId, String name, Map<String, String> planByApi) {
        this(applicationId, tenantId, name, planByApi, null);
    }
}
