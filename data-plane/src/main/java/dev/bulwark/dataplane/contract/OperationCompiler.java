package dev.bulwark.dataplane.contract;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@link CompiledOperation} of each operation from the snapshot's contracts, through the
 * {@link SchemaEngine}'s cache. A contract that does not compile (it passed the control plane's
 * checks, so this is a bug or a tampered file) is confined to its operation: it is logged and the
 * operation answers 503 while the rest of the snapshot applies; one tenant's document can never keep
 * a snapshot, and so every other tenant's change, from being applied.
 */
public final class OperationCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(OperationCompiler.class);

    private final SchemaEngine engine;

    public OperationCompiler(SchemaEngine engine) {
        this.engine = engine;
    }

    public SchemaEngine engine() {
        return engine;
    }

    /** An API's shared definitions, parsed once for all its operations. */
    public record Definitions(String key, JsonNode node, String problem) {
        public static Definitions of(ApiEntry api) {
            if (api.schemas() == null) {
                return new Definitions("-", null, null);
            }
            try {
                JsonNode node = SchemaEngine.JSON.readTree(api.schemas());
                if (!node.isObject()) {
                    return new Definitions("-", null, "the API's definitions are not a JSON object");
                }
                return new Definitions(SchemaEngine.definitionsKey(api.schemas()), node, null);
            } catch (RuntimeException e) {
                return new Definitions("-", null, "the API's definitions are not JSON");
            }
        }
    }

    /**
     * The compiled contract of an operation, or null when the snapshot carries none for it.
     *
     * @param trustParameters whether validated parameters may be promised to inspection (contract
     *                        validation blocks and checks parameters on this route)
     * @param trustBody       the same for the JSON body
     */
    public CompiledOperation compile(ApiEntry api, Definitions definitions, OperationEntry operation, boolean trustParameters,
                                     boolean trustBody) {
        return compile(api, definitions, operation, trustParameters, trustBody, false);
    }

    /** @param responses whether to compile the response schemas too (response validation is on for the route) */
    public CompiledOperation compile(ApiEntry api, Definitions definitions, OperationEntry operation, boolean trustParameters,
                                     boolean trustBody, boolean responses) {
        OperationContract contract = operation.contract();
        if (contract == null) {
            return null;
        }
        try {
            if (definitions.problem() != null) {
                throw new IllegalArgumentException(definitions.problem());
            }
            return build(definitions, operation, contract, trustParameters, trustBody, responses);
        } catch (IllegalArgumentException e) {
            LOG.error("contract of operation {} of API {} (tenant {}) does not compile, its requests are refused: {}",
                    operation.operationId(), api.apiId(), api.tenantId(), e.getMessage());
            return CompiledOperation.broken(e.getMessage());
        }
    }

    private CompiledOperation build(Definitions definitions, OperationEntry operation, OperationContract contract,
                                    boolean trustParameters, boolean trustBody, boolean withResponses) {
        Map<String, List<CompiledParameter>> byLocation = new java.util.HashMap<>();
        Map<String, List<JsonNode>> schemas = new java.util.HashMap<>();
        for (OperationContract.Parameter parameter : contract.parameters()) {
            JsonNode schema = parse(parameter.schema(), parameter.in() + "." + parameter.name());
            CompiledParameter compiled = CompiledParameter.of(parameter, ValueShape.of(schema, definitions.node()));
            byLocation.computeIfAbsent(parameter.in(), key -> new ArrayList<>()).add(compiled);
            schemas.computeIfAbsent(parameter.in(), key -> new ArrayList<>()).add(schema);
        }
        ParameterSet path = set("path", byLocation, schemas, definitions);
        List<String> template = QueryPairs.segments(operation.pathTemplate());
        int[] positions = new int[path.parameters().size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = template.indexOf("{" + path.parameters().get(i).name() + "}");
        }
        ParameterSet query = set("query", byLocation, schemas, definitions);
        ParameterSet header = set("header", byLocation, schemas, definitions);
        ParameterSet cookie = set("cookie", byLocation, schemas, definitions);
        CompiledOperation.RequestBodyContract body = null;
        ValueShape jsonBody = null;
        if (contract.requestBody() != null) {
            List<CompiledOperation.BodyMedia> media = media(contract.requestBody().content(), definitions, "body");
            jsonBody = jsonShape(contract.requestBody().content(), media);
            body = new CompiledOperation.RequestBodyContract(contract.requestBody().required(), media);
        }
        List<CompiledOperation.ResponseContract> responses = new ArrayList<>();
        if (withResponses) {
            for (OperationContract.Response response : contract.responses()) {
                responses.add(new CompiledOperation.ResponseContract(response.status(),
                        media(response.content(), definitions, "response " + response.status())));
            }
        }
        return new CompiledOperation(null, path, query, header, cookie, positions, template.size(), body,
                trustParameters ? CompiledOperation.hints(List.of(path, query, header, cookie)) : Map.of(),
                trustBody ? jsonBody : null, responses);
    }

    /**
     * The shape the JSON body's hints come from: that of its JSON media types' schema, when they all
     * have one and the same (wildcard ranges count as JSON). Hints are looked up without knowing which media type a request matched,
     * so JSON media types with different schemas, or one without a schema, get none: one schema's
     * enum must not excuse a value that the other validated as free text, or did not validate.
     */
    private static ValueShape jsonShape(List<OperationContract.Media> content, List<CompiledOperation.BodyMedia> media) {
        ValueShape shape = null;
        String schema = null;
        for (int i = 0; i < media.size(); i++) {
            CompiledOperation.BodyMedia each = media.get(i);
            if (!MediaTypes.isJson(MediaTypes.essence(each.range())) && each.range().indexOf('*') < 0) {
                continue;                       // a range such as */* may be what a JSON body matches
            }
            if (each.schema() == null) {
                return null;
            }
            if (shape == null) {
                shape = each.shape();
                schema = content.get(i).schema();
            } else if (!schema.equals(content.get(i).schema())) {
                return null;
            }
        }
        return shape;
    }

    private List<CompiledOperation.BodyMedia> media(List<OperationContract.Media> content, Definitions definitions, String what) {
        List<CompiledOperation.BodyMedia> media = new ArrayList<>();
        for (OperationContract.Media each : content) {
            if (each.schema() == null) {
                media.add(new CompiledOperation.BodyMedia(each.mediaType(), null, ValueShape.ANY));
                continue;
            }
            JsonNode schema = parse(each.schema(), what + " " + each.mediaType());
            media.add(new CompiledOperation.BodyMedia(each.mediaType(), engine.compile(definitions.key(), definitions.node(), schema),
                    ValueShape.of(schema, definitions.node())));
        }
        return media;
    }

    /** One object schema for every parameter of a location; the parameters are its properties. */
    private ParameterSet set(String in, Map<String, List<CompiledParameter>> byLocation, Map<String, List<JsonNode>> schemas,
                             Definitions definitions) {
        List<CompiledParameter> parameters = byLocation.get(in);
        if (parameters == null) {
            return ParameterSet.NONE;
        }
        ObjectNode object = ParameterDecoder.NODES.objectNode();
        object.put("type", "object");
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = ParameterDecoder.NODES.arrayNode();
        for (int i = 0; i < parameters.size(); i++) {
            properties.set(parameters.get(i).key(), schemas.get(in).get(i));
            if (parameters.get(i).required()) {
                required.add(parameters.get(i).key());
            }
        }
        if (!required.isEmpty()) {
            object.set("required", required);
        }
        return new ParameterSet(in, List.copyOf(parameters), engine.compile(definitions.key(), definitions.node(), object));
    }

    private static JsonNode parse(String schema, String what) {
        try {
            return SchemaEngine.JSON.readTree(schema);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the schema of " + what + " is not JSON");
        }
    }
}
