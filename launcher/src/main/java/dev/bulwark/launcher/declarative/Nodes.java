package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** JSON-tree helpers shared by export, diff and apply. */
final class Nodes {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Nodes() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    /**
     * The node with object keys sorted and null fields dropped, recursively: the form the server's
     * answers and the files are compared in, so key order and an explicit {@code null} never count as changes.
     */
    static JsonNode canonical(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode sorted = F.objectNode();
            for (String name : names) {
                JsonNode value = canonical(node.get(name));
                if (value != null) {
                    sorted.set(name, value);
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode();
            node.forEach(item -> copy.add(canonical(item) == null ? F.nullNode() : canonical(item)));
            return copy;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return F.numberNode(node.asLong());
        }
        return node;
    }

    /** Sets {@code name} unless the value is null (the files never carry explicit nulls). */
    static void put(ObjectNode target, String name, JsonNode value) {
        JsonNode clean = canonical(value);
        if (clean != null) {
            target.set(name, clean);
        }
    }

    static void put(ObjectNode target, String name, String value) {
        if (value != null) {
            target.put(name, value);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A copy of an object without some of its fields. */
    static ObjectNode without(ObjectNode node, String... fields) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of(fields));
        return copy;
    }
}
