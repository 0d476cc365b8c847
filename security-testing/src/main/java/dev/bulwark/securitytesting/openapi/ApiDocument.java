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
 * this module writes to it. Thread-safe once built; the schema usage index is built on first use.
 */
public final class ApiDocument {

    private final String origin;
    private final OpenAPI openApi;
    private final SourceIndex source;
    private final List<String> parserMessages;
    private final List<ApiOperation> operations;
    private final List<ApiOperation> webhooks;
    private final Optional<String> convertedFrom;
    private volatile SchemaUsage usage;

    private ApiDocument(String origin, OpenAPI openApi, SourceIndex source, List<String> parserMessages,
            Optional<String> convertedFrom) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.openApi = Objects.requireNonNull(openApi, "openApi");
        this.source = Objects.requireNonNull(source, "source");
        this.parserMessages = List.copyOf(parserMessages);
        this.convertedFrom = convertedFrom;
        this.operations = List.copyOf(OperationIndex.operations(openApi, source));
        this.webhooks = List.copyOf(OperationIndex.webhooks(openApi, source));
    }

    static ApiDocument of(String origin, OpenAPI openApi, SourceIndex source, List<String> parserMessages) {
        return new ApiDocument(origin, openApi, source, parserMessages, Optional.empty());
    }

    /** A Swagger 2.0 document converted to OpenAPI 3.0: {@code source} indexes the original text. */
    static ApiDocument converted(String origin, OpenAPI openApi, SourceIndex source, List<String> parserMessages,
            String originalVersion) {
        return new ApiDocument(origin, openApi, source, parserMessages, Optional.of(originalVersion));
    }

    public String origin() {
        return origin;
    }

    public OpenAPI openApi() {
        return openApi;
    }

    /** The text as written (for a converted Swagger 2.0 document, the original Swagger text). */
    public SourceIndex source() {
        return source;
    }

    public List<String> parserMessages() {
        return parserMessages;
    }

    /** Operations the API serves ({@code paths}), in document order. */
    public List<ApiOperation> operations() {
        return operations;
    }

    /** OAS 3.1 webhooks: requests the API sends to its subscribers. */
    public List<ApiOperation> webhooks() {
        return webhooks;
    }

    /** Served operations, then webhooks: everything the audit judges. */
    public List<ApiOperation> allOperations() {
        if (webhooks.isEmpty()) {
            return operations;
        }
        List<ApiOperation> all = new ArrayList<>(operations);
        all.addAll(webhooks);
        return all;
    }

    /** The Swagger version the document was converted from, if it was. */
    public Optional<String> convertedFrom() {
        return convertedFrom;
    }

    /** Every schema use of the document, indexed once. */
    public SchemaUsage schemaUsage() {
        SchemaUsage built = usage;
        if (built == null) {
            synchronized (this) {
                built = usage;
                if (built == null) {
                    built = SchemaUsage.of(this);
                    usage = built;
                }
            }
        }
        return built;
    }

    /** Where a finding's pointer is written in the text the user has, or its closest written ancestor. */
    public Optional<SourcePosition> nearestPosition(JsonPointer pointer) {
        return source.nearestPosition(convertedFrom.isPresent() ? SwaggerPointers.toSwagger2(pointer) : pointer);
    }

    /** True when the text names where the API is served ({@code servers}; Swagger 2.0: {@code host}). */
    public boolean declaresServers() {
        return source.contains(JsonPointer.of("servers", "0"))
                || (convertedFrom.isPresent() && source.contains(JsonPointer.of("host")));
    }

    /** Security that applies to the operation: its own if declared (even empty), else the global one. */
    public List<SecurityRequirement> effectiveSecurity(ApiOperation operation) {
        List<SecurityRequirement> own = operation.operation().getSecurity();
        List<SecurityRequirement> effective = own != null ? own : operation.isWebhook() ? null : openApi.getSecurity();
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

    @Override
    public String toString() {
        return "ApiDocument[" + origin + "]";
    }
}
