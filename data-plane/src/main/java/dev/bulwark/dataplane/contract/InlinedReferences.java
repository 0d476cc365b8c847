package dev.bulwark.dataplane.contract;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schema with its references to the API's definitions replaced by the definitions themselves,
 * before the validator compiles it. The validator follows a reference on every value it reaches
 * through one (each line of an order, each nested address), at the cost of an evaluation-path
 * entry and a schema lookup each time; an inlined definition costs nothing. Inlining changes no
 * verdict: a reference without sibling keywords means exactly its target, and where inlining could
 * mean something else it is not done. A reference to a definition already being inlined (a
 * recursive schema) stays a reference; so does one with siblings, one outside {@code #/$defs/}, and
 * every reference when the definitions carry identifiers ({@code $id}, {@code $anchor},
 * {@code $dynamicAnchor}, {@code $dynamicRef}, {@code $recursiveRef}) that give references
 * another base. A schema that would grow past a bound (definitions referenced many times over) is
 * compiled as it was written.
 */
final class InlinedReferences {
    private static final String PREFIX = "#/$defs/";
    private static final int MAX_NODES = 10_000;
    private static final Set<String> SCHEMA = Set.of("items", "additionalItems", "additionalProperties", "unevaluatedItems",
            "unevaluatedProperties", "not", "if", "then", "else", "contains", "propertyNames");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependentSchemas");
    private static final Set<String> IDENTIFIERS = Set.of("$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef",
            "$recursiveAnchor");

    private final JsonNode definitions;
    private final Set<String> inlining = new HashSet<>();
    private int budget = MAX_NODES;

    private InlinedReferences(JsonNode definitions) {
        this.definitions = definitions;
    }

    /** {@code schema} with its references into {@code definitions} inlined where that means the same; else {@code schema}. */
    static JsonNode of(JsonNode schema, JsonNode definitions) {
        if (definitions == null || !definitions.isObject() || !schema.isObject() || holdsIdentifier(definitions, 0)
                || holdsIdentifier(schema, 0)) {
            return schema;
        }
        InlinedReferences inliner = new InlinedReferences(definitions);
        JsonNode inlined = inliner.schema(schema);
        return inliner.budget < 0 ? schema : inlined;
    }

    private JsonNode schema(JsonNode node) {
        if (--budget < 0 || !node.isObject()) {
            return node;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && node.size() == 1 && ref.isString() && ref.asString().startsWith(PREFIX)) {
            String name = ref.asString().substring(PREFIX.length());
            JsonNode target = name.indexOf('/') < 0 && name.indexOf('~') < 0 && name.indexOf('%') < 0 ? definitions.get(name) : null;
            if (target == null || !inlining.add(name)) {
                return node;
            }
            JsonNode inlined = schema(target);
            inlining.remove(name);
            return inlined;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String keyword = member.getKey();
            JsonNode value = member.getValue();
            if (SCHEMA.contains(keyword)) {
                copy.set(keyword, schema(value));
            } else if (SCHEMA_LISTS.contains(keyword) && value.isArray()) {
                ArrayNode members = copy.putArray(keyword);
                for (JsonNode each : value.values()) {
                    members.add(schema(each));
                }
            } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode members = copy.putObject(keyword);
                for (Map.Entry<String, JsonNode> each : value.properties()) {
                    members.set(each.getKey(), schema(each.getValue()));
                }
            }
        }
        return copy;
    }

    private static boolean holdsIdentifier(JsonNode node, int depth) {
        if (depth > 64) {
            return true;                          // too deep to be sure: leave it to the validator
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (IDENTIFIERS.contains(member.getKey()) || holdsIdentifier(member.getValue(), depth + 1)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode each : node.values()) {
                if (holdsIdentifier(each, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
