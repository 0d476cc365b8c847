package dev.bulwark.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A developer's application and its approved subscriptions.
 *
 * @param planByApi        apiId → planId of each active subscription
 * @param tokensNotBefore  epoch second before which the gateway refuses the application's bearer
 *                         tokens (set when its OAuth client is revoked: a self-contained token
 *                         would otherwise live until it expires); null when none
 * @param clientIds        further OAuth client ids (a token's {@code azp}/{@code client_id}) that
 *                         are this application: the clients of a secret rotation's overlap, sorted;
 *                         the application id itself is always one and is not repeated
 */
public record ApplicationEntry(String applicationId, String tenantId, String name, Map<String, String> planByApi,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long tokensNotBefore,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> clientIds) {

    public ApplicationEntry {
        planByApi = planByApi == null ? Map.of() : Map.copyOf(planByApi);
        clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
    }

    /** An application whose tokens have never been revoked. */
    public ApplicationEntry(String applicationId, String tenantId, String name, Map<String, String> planByApi) {
        this(applicationId, tenantId, name, planByApi, null, List.of());
    }

    /** An application known by its id only. */
    public ApplicationEntry(String applicationId, String tenantId, String name, Map<String, String> planByApi, Long tokensNotBefore) {
        this(applicationId, tenantId, name, planByApi, tokensNotBefore, List.of());
    }
}
