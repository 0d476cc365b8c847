package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed OpenAPI document as the audit sees it: the swagger model plus the raw source index and
 * the parser's complaints. The swagger model is mutable by design of that library; nothing in
 * this module writes to it.
 */
public record ApiDocument(String origin, OpenAPI openApi, SourceIndex source, List<String> parserMessages,
        List<ApiOperation> operations) {

    public ApiDocument {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(openApi, "openApi");
        Objects.requireNonNull(source, "source");
        parserMessages = List.copyOf(parserMessages);
        operations = List.copyOf(operations);
    }

    static ApiDocument of(String origin, OpenAPI openApi, SourceIndex source, List<String> parserMessages) {
        return new ApiDocument(origin, openApi, source, parserMessages, OperationIndex.operations(openApi, source));
    }

    /** Security that applies to the operation: its own if declared (even empty), else the global one. */
    public List<SecurityRequirement> effectiveSecurity(ApiOperation operation) {
        List<SecurityRequirement> own = operation.operation().getSecurity();
        List<SecurityRequirement> effective = own != null ? own : openApi.getSecurity();
        return effective == null ? List.of() : effective;
    }

    /** True when a caller without credentials is accepted: no requirement, or an empty alternative {@code {}}. */
    public boolean allowsAnonymous(ApiOperation operation) {
        List<SecurityRequirement> security = effectiveSecurity(operation);
        return security.isEmpty() || security.stream().anyMatch(Map::isEmpty);
    }

    public Map<String, SecurityScheme> securitySchemes() {
        Components components = openApi.getComponents();
        return components == null || components.getSecuritySchemes() == null
                ? Map.of()
                : components.getSecuritySchemes();
    }

    public Map<String, Schema<?>> componentSchemas() {
        Components components = openApi.getComponents();
        return components == null || components.getSchemas() == null ? Map.of() : castSchemas(components.getSchemas());
    }

    /** Follows a local {@code #/components/schemas/...} reference. */
    public Optional<Located<Schema<?>>> componentSchema(String ref) {
        return this.<Schema<?>>component(ref, "schemas", c -> castSchemas(c.getSchemas()));
    }

    public Optional<Located<RequestBody>> requestBody(ApiOperation operation) {
        RequestBody body = operation.operation().getRequestBody();
        if (body == null) {
            return Optional.empty();
        }
        JsonPointer at = operation.location().child("requestBody");
        return Optional.of(body.get$ref() == null
                ? new Located<>(body, at)
                : component(body.get$ref(), "requestBodies", Components::getRequestBodies)
                        .orElse(new Located<>(body, at)));
    }

    /** Responses by status code in document order, references to shared responses followed. */
    public Map<String, Located<ApiResponse>> responses(ApiOperation operation) {
        Map<String, Located<ApiResponse>> out = new LinkedHashMap<>();
        if (operation.operation().getResponses() == null) {
            return out;
        }
        operation.operation().getResponses().forEach((status, response) -> {
            JsonPointer at = operation.location().child("responses", status);
            out.put(status, response.get$ref() == null
                    ? new Located<>(response, at)
                    : component(response.get$ref(), "responses", Components::getResponses)
                            .orElse(new Located<>(response, at)));
        });
        return out;
    }

    /** The schema of each media type of a content map, located. */
    public static List<Located<Schema<?>>> schemas(Content content, JsonPointer contentOwner) {
        List<Located<Schema<?>>> out = new ArrayList<>();
        if (content != null) {
            content.forEach((mediaType, media) -> {
                if (media != null && media.getSchema() != null) {
                    out.add(new Located<>(media.getSchema(), contentOwner.child("content", mediaType, "schema")));
                }
            });
        }
        return out;
    }

    private <T> Optional<Located<T>> component(String ref, String kind, Function<Components, Map<String, T>> section) {
        String prefix = "#/components/" + kind + "/";
        Components components = openApi.getComponents();
        if (ref == null || !ref.startsWith(prefix) || components == null || section.apply(components) == null) {
            return Optional.empty();
        }
        String name = ref.substring(prefix.length());
        T value = section.apply(components).get(name);
        return value == null
                ? Optional.empty()
                : Optional.of(new Located<>(value, JsonPointer.of("components", kind, name)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Schema<?>> castSchemas(Map<String, Schema> schemas) {
        return (Map) schemas;
    }
}
