package dev.bulwark.controlplane.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schemas the operations refer to, hoisted once each into one {@code $defs} table per API:
 * every local reference of the document (to {@code #/components/schemas/Pet} or to any other
 * schema by pointer) becomes {@code #/$defs/<name>}, and only what some operation reaches is kept.
 * Recursive schemas stay recursive, through their definition.
 */
final class Definitions {
    private static final int MAX_DEFINITIONS = 10_000;

    private final JsonNode root;
    private final Map<String, String> nameByPointer = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Deque<String> pending = new ArrayDeque<>();
    private final TreeMap<String, JsonNode> converted = new TreeMap<>();

    Definitions(JsonNode root) {
        this.root = root;
    }

    /** The {@code $ref} value that replaces {@code ref} in converted schemas; queues its target. */
    String refTo(String ref, String at) throws ContractException {
        String pointer = DocumentTree.pointerOf(ref, at);
        String name = nameByPointer.get(pointer);
        if (name == null) {
            if (nameByPointer.size() >= MAX_DEFINITIONS) {
                throw new ContractException(at, "the document refers to more than " + MAX_DEFINITIONS + " schemas");
            }
            DocumentTree.at(root, pointer, at);
            name = unique(nameFor(pointer));
            nameByPointer.put(pointer, name);
            pending.add(pointer);
        }
        return "#/$defs/" + DocumentTree.token(name);
    }

    /** Converts every queued target (which may queue more) until none is left. */
    void drain(SchemaConverter converter) throws ContractException {
        while (!pending.isEmpty()) {
            String pointer = pending.poll();
            converted.put(nameByPointer.get(pointer), converter.convert(DocumentTree.at(root, pointer, pointer), pointer));
        }
    }

    boolean isEmpty() {
        return converted.isEmpty();
    }

    /** The definitions by name, in name order (the output must not depend on the order of discovery). */
    ObjectNode table() {
        ObjectNode table = JsonNodeFactory.instance.objectNode();
        converted.forEach(table::set);
        return table;
    }

    /** {@code Pet} for {@code /components/schemas/Pet}; the pointer's tokens joined by dots otherwise. */
    private static String nameFor(String pointer) {
        String prefix = "/components/schemas/";
        String raw = pointer.startsWith(prefix) && pointer.indexOf('/', prefix.length()) < 0
                ? pointer.substring(prefix.length())
                : pointer.replaceFirst("^/", "").replace('/', '.');
        StringBuilder name = new StringBuilder(Math.min(raw.length(), 120));
        for (int i = 0; i < raw.length() && name.length() < 120; i++) {
            char c = raw.charAt(i);
            name.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.' ? c : '_');
        }
        return name.isEmpty() ? "schema" : name.toString();
    }

    private String unique(String base) {
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }
}
