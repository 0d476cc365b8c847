package dev.bulwark.dataplane.contract;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a schema says about the JSON types of a value, enough to turn the text of a parameter,
 * a form field or a multipart part into the JSON value the schema is then checked against
 * ({@code ?limit=5} is the integer 5 when the schema says integer, the string "5" when it says
 * string), and to tell inspection which values the contract types precisely ({@link #hint()}).
 * References are followed into the API's definitions; compositions contribute every member's types.
 */
final class ValueShape {
    enum Type { STRING, INTEGER, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT }

    static final ValueShape ANY = new ValueShape();
    private static final int MAX_DEPTH = 24;

    final Set<Type> types = EnumSet.noneOf(Type.class);
    ValueShape items;
    final Map<String, ValueShape> properties = new HashMap<>();
    /** True when the schema (or a member of it) admits properties it does not name. */
    boolean openProperties = true;
    /** True when the schema (or a member) names its properties ({@code properties}). */
    boolean declaresProperties;
    /** True when properties it does not name still have a schema ({@code additionalProperties: {...}}, {@code patternProperties}). */
    boolean describesOtherProperties;
    String format;
    boolean enumerated;
    /** An anchored pattern (of the shape {@link AnchoredRunPattern} reads) confines the string to token characters. */
    boolean tokenPattern;
    /** A composition whose members disagree (anyOf string|integer): no precise type to promise. */
    boolean ambiguous;

    /** The shape of {@code schema}, whose {@code #/$defs/...} references point into {@code definitions}. */
    static ValueShape of(JsonNode schema, JsonNode definitions) {
        ValueShape shape = new ValueShape();
        shape.add(schema, definitions, 0);
        return shape;
    }

    /** The shape of a property's value; {@link #ANY} when the schema does not say. */
    ValueShape property(String name) {
        ValueShape property = properties.get(name);
        return property == null ? ANY : property;
    }

    ValueShape items() {
        return items == null ? ANY : items;
    }

    boolean allows(Type type) {
        return types.isEmpty() || types.contains(type) || (type == Type.INTEGER && types.contains(Type.NUMBER));
    }

    boolean only(Type type) {
        return types.size() == 1 && types.contains(type);
    }

    private boolean onlyWithNull(Type type) {
        return types.size() == 2 && types.contains(type) && types.contains(Type.NULL);
    }

    /** What the contract guarantees about a value of this shape once validated; null when nothing precise. */
    ValueType hint() {
        if (ambiguous) {
            return null;
        }
        if (enumerated) {
            return ValueType.ENUM;
        }
        if (only(Type.INTEGER) || onlyWithNull(Type.INTEGER)) {
            return ValueType.INTEGER;
        }
        if (!types.isEmpty() && EnumSet.of(Type.INTEGER, Type.NUMBER, Type.NULL).containsAll(types) && !only(Type.NULL)) {
            return ValueType.NUMBER;
        }
        if (only(Type.BOOLEAN) || onlyWithNull(Type.BOOLEAN)) {
            return ValueType.BOOLEAN;
        }
        if (only(Type.STRING) || onlyWithNull(Type.STRING)) {
            ValueType formatted = format == null ? null : switch (format) {
                case "uuid" -> ValueType.UUID;
                case "date" -> ValueType.DATE;
                case "date-time" -> ValueType.DATE_TIME;
                default -> null;
            };
            return formatted != null || !tokenPattern ? formatted : ValueType.TOKEN;
        }
        if (only(Type.ARRAY) && items != null) {
            return items.hint();
        }
        return null;
    }

    private void add(JsonNode schema, JsonNode definitions, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString() && definitions != null && ref.asString().startsWith("#/$defs/")) {
            String name = ref.asString().substring("#/$defs/".length()).replace("~1", "/").replace("~0", "~");
            add(definitions.get(name), definitions, depth + 1);
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            for (JsonNode each : type.isArray() ? type.values() : java.util.List.of(type)) {
                Type parsed = parse(each.asString(""));
                if (parsed != null) {
                    types.add(parsed);
                }
            }
        }
        if (schema.has("enum") || schema.has("const")) {
            enumerated = true;
            if (type == null) {
                for (JsonNode value : schema.has("enum") ? schema.get("enum").values() : java.util.List.of(schema.get("const"))) {
                    types.add(typeOf(value));
                }
            }
        }
        JsonNode format = schema.get("format");
        if (format != null && format.isString()) {
            this.format = format.asString();
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && pattern.isString()) {
            AnchoredRunPattern anchored = AnchoredRunPattern.compile(pattern.asString());
            tokenPattern |= anchored != null && anchored.confinedToTokenCharacters();
        }
        if (schema.has("items")) {
            if (items == null) {
                items = new ValueShape();
            }
            items.add(schema.get("items"), definitions, depth + 1);
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            declaresProperties = true;
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                this.properties.computeIfAbsent(property.getKey(), key -> new ValueShape())
                        .add(property.getValue(), definitions, depth + 1);
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
            openProperties = false;
        }
        if ((additional != null && additional.isObject()) || schema.has("patternProperties")) {
            describesOtherProperties = true;
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            for (JsonNode member : allOf.values()) {
                add(member, definitions, depth + 1);
            }
        }
        for (String keyword : new String[] {"anyOf", "oneOf"}) {
            JsonNode members = schema.get(keyword);
            if (members != null && members.isArray()) {
                alternatives(members, definitions, depth);
            }
        }
    }

    /**
     * Alternatives contribute every member's types (for coercion), but promise nothing precise: a
     * value matching any one member may be anything that member allows. The one exception is the
     * nullable idiom {@code anyOf: [{type: null}, X]}, which is X or null.
     */
    private void alternatives(JsonNode members, JsonNode definitions, int depth) {
        boolean nullable = members.size() == 2 && (isNullOnly(members.get(0)) || isNullOnly(members.get(1)));
        if (!nullable) {
            ambiguous = true;
        }
        for (JsonNode member : members.values()) {
            add(member, definitions, depth + 1);
        }
    }

    private static boolean isNullOnly(JsonNode schema) {
        return schema.isObject() && schema.size() == 1 && "null".equals(schema.path("type").asString(""));
    }

    private static Type parse(String name) {
        return switch (name) {
            case "string" -> Type.STRING;
            case "integer" -> Type.INTEGER;
            case "number" -> Type.NUMBER;
            case "boolean" -> Type.BOOLEAN;
            case "null" -> Type.NULL;
            case "array" -> Type.ARRAY;
            case "object" -> Type.OBJECT;
            default -> null;
        };
    }

    private static Type typeOf(JsonNode value) {
        if (value.isString()) {
            return Type.STRING;
        }
        if (value.isIntegralNumber()) {
            return Type.INTEGER;
        }
        if (value.isNumber()) {
            return Type.NUMBER;
        }
        if (value.isBoolean()) {
            return Type.BOOLEAN;
        }
        if (value.isArray()) {
            return Type.ARRAY;
        }
        return value.isObject() ? Type.OBJECT : Type.NULL;
    }
}
