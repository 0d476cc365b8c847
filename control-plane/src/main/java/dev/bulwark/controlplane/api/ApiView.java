package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.contracts.policy.PolicyConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * An API as clients and the audit log see it. The document itself only appears when one API is
 * read ({@code openapi}); lists and audit entries carry its SHA-256 instead.
 */
public record ApiView(UUID id, String name, String version, String host, String basePath, Lifecycle lifecycle,
                      boolean allowPrivateUpstreams, List<PolicyConfig> policies, List<EnvironmentConfig> environments,
                      String openapiSha256, @JsonInclude(JsonInclude.Include.NON_NULL) String openapi,
                      boolean enforceDocumentScopes, Instant createdAt, Instant updatedAt) {

    public static ApiView of(Api api, List<EnvironmentConfig> environments, boolean withDocument, boolean enforceDocumentScopes) {
        return new ApiView(api.id(), api.name(), api.versionLabel(), api.host(), api.basePath(), api.lifecycle(),
                api.allowPrivateUpstreams(), api.policies(), environments,
                api.openapi().isEmpty() ? null : sha256(api.openapi()), withDocument ? api.openapi() : null,
                enforceDocumentScopes, api.createdAt(), api.updatedAt());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
