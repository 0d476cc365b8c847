package dev.bulwark.dataplane.contract;

import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.path.PathType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compiles the contracts' JSON Schemas with networknt's validator (draft 2020-12), configured for
 * hostile input: patterns through RE2/J ({@link Re2RegularExpressionFactory}), formats bounded in
 * length ({@link BoundedFormat}), {@code email} checked in one pass ({@link MailboxFormat}), and asserted (2020-12 makes them annotations by default), nothing
 * ever fetched (references resolve inside the API's definitions, which the control plane guarantees
 * and the loader enforces; those that mean exactly their target are inlined, {@link InlinedReferences}),
 * instance locations as JSON pointers.
 *
 * <p>Compiled schemas are cached by content (the hash of the API's definitions and of the schema),
 * one generation per applied snapshot: a delta that changes one operation recompiles that operation's
 * schemas only, and what the new snapshot no longer uses is dropped with the old generation. Used
 * off the event loop, by one snapshot compilation at a time.
 */
public final class SchemaEngine {
    /**
     * Bodies and JSON-valued parameters: decimals exact (multipleOf), duplicate keys and trailing data
     * refused. Duplicates are caught as the tree is built (the map's put reports a replaced value),
     * not by the parser's per-object name set, which costs a hash set per object.
     */
    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    /** Requests: {@code readOnly} properties are refused, formats asserted, work per validation bounded. */
    static final ExecutionConfig REQUESTS = ExecutionConfig.builder().readOnly(true).formatAssertionsEnabled(true).build();
    /** Responses: {@code writeOnly} properties are refused. */
    static final ExecutionConfig RESPONSES = ExecutionConfig.builder().writeOnly(true).formatAssertionsEnabled(true).build();
    private static final HexFormat HEX = HexFormat.of();

    private final SchemaRegistry registry;
    private Map<String, Schema> cache = Map.of();
    private Map<String, Schema> building;
    private int compiled;

    public SchemaEngine() {
        Dialect dialect = Dialect.builder(Dialects.getDraft202012()).formats(formats -> {
            for (Map.Entry<String, Format> format : formats.entrySet()) {
                Format check = "email".equals(format.getKey()) ? new MailboxFormat(format.getValue()) : format.getValue();
                format.setValue(new BoundedFormat(check));
            }
        }).build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .regularExpressionFactory(Re2RegularExpressionFactory.INSTANCE)
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemaRegistryConfig(config)
                .schemaCacheEnabled(false)
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    /** Starts compiling a snapshot: what it compiles or reuses becomes the next generation. */
    public void begin() {
        building = new HashMap<>();
        compiled = 0;
    }

    /** The snapshot was applied: keep only what it uses. */
    public void commit() {
        if (building != null) {
            cache = building;
            building = null;
        }
    }

    /** The snapshot was refused: the generation in force stays. */
    public void abandon() {
        building = null;
    }

    /** Schemas compiled (not reused) since {@link #begin()}. */
    public int compiledThisGeneration() {
        return compiled;
    }

    /** The hash that identifies an API's definitions in cache keys. */
    public static String definitionsKey(String definitions) {
        return definitions == null ? "-" : sha256(definitions);
    }

    /**
     * The compiled form of {@code schema}, whose references point into {@code definitions}.
     *
     * @param definitionsKey {@link #definitionsKey} of the definitions' text
     * @throws IllegalArgumentException when the schema cannot be compiled
     */
    Schema compile(String definitionsKey, JsonNode definitions, JsonNode schema) {
        String text = JSON.writeValueAsString(schema);
        String key = definitionsKey + ":" + sha256(text);
        Map<String, Schema> target = building != null ? building : new HashMap<>();
        Schema found = target.get(key);
        if (found == null) {
            found = cache.get(key);
        }
        if (found == null) {
            found = load(key, definitions, schema);
            compiled++;
        }
        target.put(key, found);
        return found;
    }

    private Schema load(String key, JsonNode definitions, JsonNode written) {
        JsonNode schema = InlinedReferences.of(written, definitions);
        JsonNode document = schema;
        if (schema.isObject() && definitions != null && definitions.isObject()) {
            ObjectNode withDefinitions = ((ObjectNode) schema).deepCopy();
            withDefinitions.set("$defs", definitions);
            document = withDefinitions;
        }
        try {
            Schema compiledSchema = registry.getSchema(SchemaLocation.of("urn:bulwark:schema:" + key.replace(':', '-')), document);
            // Resolve every reference now: validation then only reads, from every event loop at once.
            compiledSchema.initializeValidators();
            return compiledSchema;
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException("schema does not compile: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
