package dev.bulwark.controlplane.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.contracts.snapshot.EcmaPatterns;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one OpenAPI schema as the JSON Schema 2020-12 the gateway's validator runs:
 * <ul>
 *   <li>3.0 {@code nullable: true} adds {@code "null"} to {@code type} (and to {@code enum}); on a
 *       schema without {@code type} but with a composition ({@code allOf: [$ref]}, the usual way of
 *       making a reference nullable) it becomes {@code anyOf: [{type: null}, ...]};</li>
 *   <li>3.0 boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} become the numeric 2020-12 forms;</li>
 *   <li>3.0 ignores the siblings of a {@code $ref}; 3.1 keeps them;</li>
 *   <li>{@code format: int32}/{@code int64} become bounds (JSON Schema validators ignore those formats);</li>
 *   <li>references become {@code #/$defs/<name>} ({@link Definitions}); {@code $id}, {@code $schema},
 *       anchors and dynamic references are dropped, so every reference resolves inside the API's
 *       definitions and the gateway never fetches anything;</li>
 *   <li>annotations the gateway has no use for ({@code title}, {@code description}, {@code example}
 *       and {@code examples}, {@code default}, {@code deprecated}, {@code discriminator}, {@code xml},
 *       {@code externalDocs}, {@code x-*}) are dropped: 3.0's {@code example} would be 2020-12's
 *       {@code examples}, an annotation as well;</li>
 *   <li>every {@code pattern} must compile for RE2 ({@link EcmaPatterns}): the gateway matches in
 *       linear time, so look-around and back-references are refused here, by name.</li>
 * </ul>
 */
final class SchemaConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SINGLE = Set.of("items", "additionalProperties", "not", "if", "then", "else", "contains",
            "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema");
    private static final Set<String> MAPS = Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
    private static final Set<String> LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> DROPPED = Set.of("$id", "$schema", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef",
            "$recursiveAnchor", "$vocabulary", "$comment", "title", "description", "example", "examples", "default", "deprecated",
            "discriminator", "xml", "externalDocs", "nullable");
    private static final BigDecimal INT32_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final Definitions definitions;
    private final boolean openApi30;

    SchemaConverter(Definitions definitions, boolean openApi30) {
        this.definitions = definitions;
        this.openApi30 = openApi30;
    }

    /** @param at the JSON pointer of {@code schema} in the document, for messages */
    JsonNode convert(JsonNode schema, String at) throws ContractException {
        if (schema.isBoolean()) {
            return schema;
        }
        if (!schema.isObject()) {
            throw new ContractException(at, "a schema must be an object");
        }
        ObjectNode out = NODES.objectNode();
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            out.put("$ref", definitions.refTo(ref.asText(), at + "/$ref"));
            if (openApi30) {
                return out;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String here = at + "/" + DocumentTree.token(name);
            if (name.equals("$ref") || DROPPED.contains(name) || name.startsWith("x-")) {
                continue;
            }
            if (SINGLE.contains(name) && (value.isObject() || value.isBoolean())) {
                out.set(name, convert(value, here));
            } else if (name.equals("items") && value.isArray()) {
                out.set("prefixItems", list(value, here)); // a draft-4 tuple: the 2020-12 spelling
            } else if (MAPS.contains(name) && value.isObject()) {
                ObjectNode converted = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = members.next();
                    if (name.equals("patternProperties")) {
                        pattern(member.getKey(), here);
                    }
                    converted.set(member.getKey(), convert(member.getValue(), here + "/" + DocumentTree.token(member.getKey())));
                }
                out.set(name.equals("definitions") ? "$defs" : name, converted);
            } else if (LISTS.contains(name) && value.isArray()) {
                out.set(name, list(value, here));
            } else if ((name.equals("exclusiveMinimum") || name.equals("exclusiveMaximum")) && value.isBoolean()) {
                continue; // 3.0 form, folded below
            } else {
                if (name.equals("pattern") && value.isTextual()) {
                    pattern(value.asText(), here);
                }
                out.set(name, value);
            }
        }
        exclusive(schema, out, "exclusiveMinimum", "minimum");
        exclusive(schema, out, "exclusiveMaximum", "maximum");
        integerFormat(out);
        return openApi30 && schema.path("nullable").asBoolean(false) ? nullable(out) : out;
    }

    private ArrayNode list(JsonNode values, String at) throws ContractException {
        ArrayNode converted = NODES.arrayNode();
        for (int i = 0; i < values.size(); i++) {
            converted.add(convert(values.get(i), at + "/" + i));
        }
        return converted;
    }

    /** 3.0: {@code minimum: 5, exclusiveMinimum: true} is 2020-12's {@code exclusiveMinimum: 5}. */
    private static void exclusive(JsonNode schema, ObjectNode out, String keyword, String bound) {
        JsonNode flag = schema.get(keyword);
        if (flag != null && flag.isBoolean() && flag.asBoolean() && out.get(bound) != null && out.get(bound).isNumber()) {
            out.set(keyword, out.remove(bound));
        }
    }

    private static void integerFormat(ObjectNode out) {
        String format = out.path("format").asText("");
        if (!format.equals("int32") && !format.equals("int64")) {
            return;
        }
        boolean int32 = format.equals("int32");
        tighten(out, "minimum", int32 ? INT32_MIN : INT64_MIN, true);
        tighten(out, "maximum", int32 ? INT32_MAX : INT64_MAX, false);
    }

    private static void tighten(ObjectNode out, String keyword, BigDecimal bound, boolean lower) {
        JsonNode current = out.get(keyword);
        if (current == null || !current.isNumber()) {
            out.set(keyword, NODES.numberNode(bound.toBigInteger()));
            return;
        }
        BigDecimal value = current.decimalValue();
        if (lower ? value.compareTo(bound) < 0 : value.compareTo(bound) > 0) {
            out.set(keyword, NODES.numberNode(bound.toBigInteger()));
        }
    }

    private static JsonNode nullable(ObjectNode out) {
        JsonNode type = out.get("type");
        if (type != null && type.isTextual()) {
            if (!type.asText().equals("null")) {
                out.set("type", NODES.arrayNode().add(type.asText()).add("null"));
            }
        } else if (type != null && type.isArray()) {
            if (!contains(type, "null")) {
                ((ArrayNode) type).add("null");
            }
        } else if (out.has("allOf") || out.has("oneOf") || out.has("anyOf") || out.has("$ref")) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set("anyOf", NODES.arrayNode().add(NODES.objectNode().put("type", "null")).add(out));
            return wrapped;
        }
        JsonNode values = out.get("enum");
        if (values != null && values.isArray() && values.size() > 0 && !containsNull(values)) {
            ((ArrayNode) values).addNull();
        }
        return out;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.isTextual() && item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNull(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static void pattern(String pattern, String at) throws ContractException {
        try {
            com.google.re2j.Pattern.compile(EcmaPatterns.toRe2(pattern));
        } catch (PatternSyntaxException e) {
            throw new ContractException(at, "pattern '" + abbreviate(pattern) + "' uses what the gateway's linear-time matcher "
                    + "does not support (look-around, back-references) or is not a valid regular expression");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
