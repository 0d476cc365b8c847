package dev.bulwark.controlplane.devportal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/** Response bodies of the public catalog. */
public final class CatalogViews {
    private CatalogViews() {
    }

    public record TenantHome(DevSession.TenantView tenant) {
    }

    /** {@code environments}: those enabled with upstreams, i.e. where gateways serve the API. */
    public record ApiSummary(UUID id, String name, String version, String basePath, String lifecycle, String description,
                             List<String> environments) {
    }

    /** {@code access}: how to call it through the gateway, as the gateway will check it. */
    public record ApiDetail(UUID id, String name, String version, String basePath, String lifecycle, String description,
                            List<String> environments, List<PublicOperation> operations, List<PublicPlan> plans, Access access) {
        static ApiDetail of(ApiSummary api, List<PublicOperation> operations, List<PublicPlan> plans, Access access) {
            return new ApiDetail(api.id(), api.name(), api.version(), api.basePath(), api.lifecycle(), api.description(),
                    api.environments(), operations, plans, access);
        }
    }

    /**
     * What a caller needs beyond the document: the document's own security schemes say nothing of
     * what the gateway checks.
     *
     * @param endpoints one per environment serving the API
     * @param host the Host header the route requires, or null when any host matches
     * @param credential what the gateway authenticates with
     * @param rateLimit the API's own rate limit (every caller, before the plan's), or null
     * @param quota the API's own quota, or null
     */
    public record Access(List<Endpoint> endpoints, @Nullable String host, Credential credential, @Nullable RateLimit rateLimit,
                         @Nullable Quota quota) {
    }

    /**
     * @param baseUrl the gateway's advertised URL joined with the API's base path; null while no gateway of
     *                that environment has said where callers reach it
     * @param keyPrefix how keys valid there begin
     */
    public record Endpoint(String environment, @Nullable String baseUrl, String keyPrefix) {
    }

    /**
     * @param type {@code api-key}, {@code jwt} or {@code none}
     * @param in {@code header} or {@code query}
     * @param name the header or query parameter
     * @param scheme what precedes the credential in the value ({@code Bearer} for a JWT), or null
     */
    public record Credential(String type, @Nullable String in, @Nullable String name, @Nullable String scheme) {
    }

    public record PublicOperation(String operationId, String method, String pathTemplate, String summary,
                                  List<String> requiredScopes) {
    }

    /**
     * A plan as a prospective subscriber sees it: the limits, not the policy internals. The rate
     * limit carries the policy's own field name {@code periodSeconds} and, for the portal contract,
     * the same value as {@code windowSeconds}.
     */
    public record PublicPlan(UUID id, UUID apiId, String name, String description, String approval, RateLimit rateLimit,
                             Quota quota) {
    }

    public record RateLimit(long limit, int periodSeconds, int windowSeconds, long burst) {
    }

    public record Quota(long limit, String period, String timeZone) {
    }

    public record OpenApiDocument(String document, String format, String sha256) {
    }

    public record Items<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
        public static <T> Items<T> of(List<T> items) {
            return new Items<>(List.copyOf(items), null);
        }
    }
}
