package dev.bulwark.controlplane.devportal;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    public record ApiDetail(UUID id, String name, String version, String basePath, String lifecycle, String description,
                            List<String> environments, List<PublicOperation> operations, List<PublicPlan> plans) {
        static ApiDetail of(ApiSummary api, List<PublicOperation> operations, List<PublicPlan> plans) {
            return new ApiDetail(api.id(), api.name(), api.version(), api.basePath(), api.lifecycle(), api.description(),
                    api.environments(), operations, plans);
        }
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
