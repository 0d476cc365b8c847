package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Request bodies of the API endpoints. Unknown fields are refused by the JSON mapper. */
public final class ApiCommands {
    private ApiCommands() {
    }

    public record CreateApi(String name, String openapi, String basePath, String host, List<String> upstreamUrls,
                            String version, Boolean allowPrivateUpstreams) {
    }

    /** Every field optional: null leaves it unchanged; an empty host means "any host". */
    /** @param enforceDocumentScopes whether keys must carry the scopes the document declares (first chosen when publishing); null keeps it */
    public record UpdateApi(String name, String openapi, String basePath, String host, String version,
                            Boolean allowPrivateUpstreams, @io.micronaut.core.annotation.Nullable Boolean enforceDocumentScopes) {
    }

    /** @param enforceDocumentScopes when publishing: whether keys must carry the scopes the document declares; null keeps the current choice */
    public record LifecycleChange(String state, @io.micronaut.core.annotation.Nullable Boolean enforceDocumentScopes) {
    }

    public record EnvironmentUpdate(List<String> upstreamUrls, Boolean enabled) {
    }

    public record PolicyList(List<JsonNode> policies) {
    }
}
