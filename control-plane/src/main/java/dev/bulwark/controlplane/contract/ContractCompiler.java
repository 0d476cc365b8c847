package dev.bulwark.controlplane.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.snapshot.OperationContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a tenant's OpenAPI 3.0/3.1 document into what the gateway validates requests (and
 * responses) against: per operation its parameters with OpenAPI's defaults applied, its request
 * body and responses by media type, each schema converted to JSON Schema 2020-12
 * ({@link SchemaConverter}) and every reference hoisted into one table of definitions per API
 * ({@link Definitions}). Runs when a document is stored, never per snapshot.
 */
public final class ContractCompiler {
    /** Version of the output; stored with it, so that a later release can recompile older rows. */
    public static final int FORMAT = 1;
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** OpenAPI: header parameters with these names are ignored (they belong to content negotiation and security). */
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
    private static final int MAX_REF_HOPS = 32;
    private static final ObjectMapper WRITER = new ObjectMapper();

    private final JsonNode root;
    private final Definitions definitions;
    private final SchemaConverter converter;
    /** {@code in:name} of the document's apiKey security schemes (header names in lower case). */
    private final Set<String> credentials = new HashSet<>();

    private ContractCompiler(JsonNode root) {
        this.root = root;
        this.definitions = new Definitions(root);
        this.converter = new SchemaConverter(definitions, root.path("openapi").asText("").startsWith("3.0"));
        for (Iterator<Map.Entry<String, JsonNode>> schemes = root.path("components").path("securitySchemes").fields(); schemes.hasNext(); ) {
            JsonNode scheme = schemes.next().getValue();
            if ("apiKey".equals(scheme.path("type").asText()) && scheme.hasNonNull("name")) {
                credentials.add(key(scheme.path("in").asText(), scheme.path("name").asText()));
            }
        }
    }

    private static String key(String in, String name) {
        return in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name);
    }

    /** @throws ContractException naming the node (JSON pointer) that cannot be compiled */
    public static CompiledContracts compile(String document) throws ContractException {
        return new ContractCompiler(DocumentTree.parse(document)).compile();
    }

    private CompiledContracts compile() throws ContractException {
        Map<String, OperationContract> byRoute = new LinkedHashMap<>();
        JsonNode paths = root.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> entries = paths.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String at = "/paths/" + DocumentTree.token(entry.getKey());
            JsonNode item = deref(entry.getValue(), at);
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation != null && operation.isObject()) {
                    byRoute.put(method.toUpperCase(Locale.ROOT) + " " + entry.getKey(),
                            operation(item, operation, at + "/" + method, at));
                }
            }
        }
        definitions.drain(converter);
        return new CompiledContracts(definitions.isEmpty() ? null : write(definitions.table()), byRoute);
    }

    private OperationContract operation(JsonNode item, JsonNode operation, String at, String itemAt) throws ContractException {
        // Operation-level parameters override the path item's of the same location and name.
        Map<String, OperationContract.Parameter> parameters = new LinkedHashMap<>();
        parameters(item.path("parameters"), itemAt + "/parameters", parameters);
        parameters(operation.path("parameters"), at + "/parameters", parameters);
        OperationContract.RequestBody body = null;
        if (operation.has("requestBody")) {
            JsonNode requestBody = deref(operation.get("requestBody"), at + "/requestBody");
            body = new OperationContract.RequestBody(requestBody.path("required").asBoolean(false),
                    content(requestBody.path("content"), at + "/requestBody/content"));
        }
        List<OperationContract.Response> responses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = operation.path("responses").fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String responseAt = at + "/responses/" + DocumentTree.token(entry.getKey());
            JsonNode response = deref(entry.getValue(), responseAt);
            String status = entry.getKey().equals("default") ? "default" : entry.getKey().toUpperCase(Locale.ROOT);
            responses.add(new OperationContract.Response(status, content(response.path("content"), responseAt + "/content")));
        }
        return new OperationContract(List.copyOf(parameters.values()), body, responses);
    }

    private void parameters(JsonNode list, String at, Map<String, OperationContract.Parameter> into) throws ContractException {
        for (int i = 0; i < list.size(); i++) {
            String here = at + "/" + i;
            JsonNode parameter = deref(list.get(i), here);
            String in = parameter.path("in").asText("");
            String name = parameter.path("name").asText("");
            if (!OperationContract.LOCATIONS.contains(in) || name.isEmpty()) {
                throw new ContractException(here, "a parameter needs a name and 'in' (path, query, header or cookie)");
            }
            if (in.equals("header") && IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || credentials.contains(key(in, name))) {
                // a credential is authentication's to check (and to strip before forwarding), not the contract's
                continue;
            }
            String style = parameter.path("style").asText(in.equals("query") || in.equals("cookie") ? "form" : "simple");
            boolean explode = parameter.path("explode").asBoolean(style.equals("form"));
            String schema;
            String mediaType = null;
            if (parameter.has("schema")) {
                schema = write(converter.convert(parameter.get("schema"), here + "/schema"));
            } else if (parameter.path("content").size() > 0) {
                Map.Entry<String, JsonNode> only = parameter.get("content").fields().next();
                mediaType = only.getKey();
                JsonNode media = only.getValue().get("schema");
                schema = media == null ? "{}" : write(converter.convert(media, here + "/content/" + DocumentTree.token(mediaType) + "/schema"));
            } else {
                schema = "{}";
            }
            boolean required = in.equals("path") || parameter.path("required").asBoolean(false);
            String key = key(in, name);
            into.remove(key);
            into.put(key, new OperationContract.Parameter(in, name, required, style, explode, schema, mediaType));
        }
    }

    private List<OperationContract.Media> content(JsonNode content, String at) throws ContractException {
        List<OperationContract.Media> media = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = content.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!seen.add(entry.getKey().toLowerCase(Locale.ROOT))) {
                continue; // the same media type spelled twice: the first one is the document's
            }
            JsonNode schema = entry.getValue().get("schema");
            String here = at + "/" + DocumentTree.token(entry.getKey()) + "/schema";
            media.add(new OperationContract.Media(entry.getKey(), schema == null ? null : write(converter.convert(schema, here))));
        }
        return media;
    }

    /** Follows references between parameters, bodies, responses and path items. */
    private JsonNode deref(JsonNode node, String at) throws ContractException {
        JsonNode current = node;
        Set<String> visited = new HashSet<>();
        for (int hops = 0; current != null && current.isObject() && current.path("$ref").isTextual(); hops++) {
            String pointer = DocumentTree.pointerOf(current.get("$ref").asText(), at + "/$ref");
            if (hops >= MAX_REF_HOPS || !visited.add(pointer)) {
                throw new ContractException(at, "references form a loop");
            }
            current = DocumentTree.at(root, pointer, at);
        }
        if (current == null || !current.isObject()) {
            throw new ContractException(at, "must be an object");
        }
        return current;
    }

    private static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
