package dev.bulwark.securitytesting.scan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What checks share: the operations worth probing, requests with every required parameter filled
 * (object ids found by listing the parent collection as the primary identity, else examples and
 * plain samples), JSON reading and schema lookups.
 */
final class Targets {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDS = "object-ids";
    private static final String BASELINES = "baselines";

    private Targets() {
    }

    /** GET operations served by the API (webhooks are sent by it, not to it). */
    static List<ApiOperation> reads(ScanContext context) {
        return context.target().document().operations().stream()
                .filter(op -> !op.isWebhook() && op.method() == HttpMethod.GET).toList();
    }

    static boolean requiresCredential(ScanContext context, ApiOperation operation) {
        return !context.target().document().allowsAnonymous(operation);
    }

    /** The operation's path and required query with parameters filled; empty when an object id is unknown. */
    static Optional<String> path(ScanContext context, ApiOperation operation, Map<String, String> overrides) {
        String path = operation.path();
        for (Located<Parameter> located : operation.parametersIn("path")) {
            String name = located.value().getName();
            String value = overrides.containsKey(name) ? overrides.get(name) : pathValue(context, operation, located.value());
            if (value == null) {
                return Optional.empty();
            }
            path = path.replace("{" + name + "}", encode(value));
        }
        StringBuilder query = new StringBuilder();
        for (Located<Parameter> located : operation.parametersIn("query")) {
            Parameter parameter = located.value();
            String name = parameter.getName();
            if (overrides.containsKey(name) || Boolean.TRUE.equals(parameter.getRequired())) {
                String value = overrides.containsKey(name) ? overrides.get(name) : sample(parameter.getSchema(), parameter.getExample());
                query.append(query.isEmpty() ? '?' : '&').append(encode(name)).append('=').append(encode(value));
            }
        }
        return Optional.of(path + query);
    }

    static Optional<String> path(ScanContext context, ApiOperation operation) {
        return path(context, operation, Map.of());
    }

    /**
     * The operation requested as the primary identity, once per scan; present only when it
     * succeeded, which makes it a baseline the other identities are compared with.
     */
    static Optional<Exchange> baseline(ScanContext context, ApiOperation operation) {
        Map<String, Optional<Exchange>> cache = context.shared(BASELINES, c -> new HashMap<String, Optional<Exchange>>());
        return cache.computeIfAbsent(operation.key(), key -> path(context, operation)
                .flatMap(p -> context.probe().send(ProbeRequest.get(p, context.target().primary())))
                .filter(Exchange::succeeded));
    }

    /** The first read operation without path parameters that succeeds for the primary identity. */
    static Optional<Exchange> anySuccessfulRead(ScanContext context) {
        for (ApiOperation operation : reads(context)) {
            if (operation.parametersIn("path").isEmpty()) {
                Optional<Exchange> exchange = baseline(context, operation);
                if (exchange.isPresent()) {
                    return exchange;
                }
            }
        }
        return reads(context).stream().map(op -> baseline(context, op)).flatMap(Optional::stream).findFirst();
    }

    private static String pathValue(ScanContext context, ApiOperation operation, Parameter parameter) {
        Map<String, String> ids = context.shared(IDS, c -> new HashMap<String, String>());
        String key = operation.path() + "#" + parameter.getName();
        if (!ids.containsKey(key)) {
            ids.put(key, discoverId(context, operation, parameter).orElse(null));
        }
        String discovered = ids.get(key);
        if (discovered != null) {
            return discovered;
        }
        return parameter.getExample() != null || parameter.getSchema() != null
                ? sample(parameter.getSchema(), parameter.getExample()) : null;
    }

    /** {@code /orders/{orderId}}: list {@code GET /orders} as the primary identity and take its first item's id. */
    static Optional<String> discoverId(ScanContext context, ApiOperation operation, Parameter parameter) {
        Optional<Exchange> listing = collection(operation, parameter)
                .flatMap(collection -> context.probe().send(ProbeRequest.get(collection, context.target().primary())))
                .filter(Exchange::succeeded);
        return listing.flatMap(Targets::json).flatMap(body -> firstId(body, parameter.getName()));
    }

    /**
     * An object of the primary identity: the first of its listing, provided the secondary identity's
     * listing of the same collection does not show it (then it is shared, not owned).
     */
    static Optional<String> ownedId(ScanContext context, ApiOperation operation, Parameter parameter) {
        Optional<String> collection = collection(operation, parameter);
        if (collection.isEmpty() || context.target().secondary().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> id = discoverId(context, operation, parameter);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> theirs = context.probe().send(ProbeRequest.get(collection.get(), context.target().secondary().get()))
                .filter(Exchange::succeeded).flatMap(Targets::json);
        boolean shared = theirs.map(body -> ids(body, parameter.getName()).contains(id.get())).orElse(false);
        return shared ? Optional.empty() : id;
    }

    static Optional<String> collection(ApiOperation operation, Parameter parameter) {
        String marker = "/{" + parameter.getName() + "}";
        int at = operation.path().lastIndexOf(marker);
        if (at <= 0 || at + marker.length() != operation.path().length() || operation.path().substring(0, at).contains("{")) {
            return Optional.empty();
        }
        return Optional.of(operation.path().substring(0, at));
    }

    static Optional<String> firstId(JsonNode body, String parameterName) {
        return ids(body, parameterName).stream().findFirst();
    }

    /** The ids of a listing: an array of ids, or of objects with an id property, possibly wrapped in an object. */
    static List<String> ids(JsonNode body, String parameterName) {
        JsonNode items = body.isArray() ? body : firstArray(body);
        List<String> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (JsonNode item : items) {
            if (item.isValueNode()) {
                out.add(item.asText());
                continue;
            }
            for (String field : List.of(parameterName, "id", "uuid", "key")) {
                if (item.hasNonNull(field) && item.get(field).isValueNode()) {
                    out.add(item.get(field).asText());
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode firstArray(JsonNode body) {
        for (JsonNode child : body) {
            if (child.isArray()) {
                return child;
            }
        }
        return null;
    }

    static Optional<JsonNode> json(Exchange exchange) {
        if (exchange.body().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(exchange.body()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** A plain value of the schema: its example, default or first enum value, else one of its type. */
    static String sample(Schema<?> schema, Object example) {
        if (example != null) {
            return String.valueOf(example);
        }
        if (schema == null) {
            return "1";
        }
        if (schema.getExample() != null) {
            return String.valueOf(schema.getExample());
        }
        if (schema.getDefault() != null) {
            return String.valueOf(schema.getDefault());
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(0));
        }
        if (Schemas.isNumeric(schema)) {
            return "1";
        }
        if (Schemas.types(schema).contains("boolean")) {
            return "true";
        }
        return "bulwark";
    }

    /** The schema a reference points to (one level), or the schema itself. */
    static Schema<?> resolve(ApiDocument document, Schema<?> schema) {
        if (schema != null && schema.get$ref() != null) {
            return document.componentSchema(schema.get$ref()).map(Located::value).orElse(null);
        }
        return schema;
    }

    /** The JSON schema of the operation's first 2xx response. */
    static Optional<Schema<?>> successSchema(ApiDocument document, ApiOperation operation) {
        for (var entry : document.responses(operation).entrySet()) {
            if (entry.getKey().startsWith("2") && entry.getValue().value().getContent() != null) {
                var media = entry.getValue().value().getContent().get("application/json");
                if (media != null && media.getSchema() != null) {
                    return Optional.ofNullable(resolve(document, media.getSchema()));
                }
            }
        }
        return Optional.empty();
    }

    /** The JSON schema of the operation's request body. */
    static Optional<Schema<?>> requestSchema(ApiDocument document, ApiOperation operation) {
        return document.requestBody(operation)
                .map(body -> body.value().getContent() == null ? null : body.value().getContent().get("application/json"))
                .map(media -> resolve(document, media.getSchema()));
    }

    /** A body with every writable property of an object schema set to a sample. */
    static Map<String, Object> sampleBody(ApiDocument document, Schema<?> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                Schema<?> resolved = resolve(document, property);
                if (resolved != null && !Boolean.TRUE.equals(resolved.getReadOnly())) {
                    String value = sample(resolved, null);
                    body.put(name, Schemas.isNumeric(resolved) ? (Object) Long.valueOf(value.replaceAll("\\..*", ""))
                            : Schemas.types(resolved).contains("boolean") ? (Object) Boolean.valueOf(value) : value);
                }
            });
        }
        return body;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static List<Located<Parameter>> queryAndPath(ApiOperation operation) {
        List<Located<Parameter>> out = new ArrayList<>(operation.parametersIn("path"));
        out.addAll(operation.parametersIn("query"));
        return out;
    }
}
