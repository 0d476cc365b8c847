package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.Set;

/** Questions about a schema that read the same for OAS 3.0 ({@code type}) and 3.1 ({@code types}). */
public final class Schemas {

    /** How a schema treats properties it does not declare. */
    public enum Extras {
        /** Not said, so anything goes: JSON Schema's default. */
        UNSPECIFIED,
        /** Explicitly {@code true} (or a {@code true} schema in OAS 3.1). */
        OPEN,
        /** {@code false}, or OAS 3.1 {@code unevaluatedProperties: false}. */
        CLOSED,
        /** A schema-valued {@code additionalProperties}: an intentional map with typed values. */
        DICTIONARY
    }

    private Schemas() {}

    public static Set<String> types(Schema<?> schema) {
        Set<String> types = new LinkedHashSet<>();
        if (schema.getType() != null) {
            types.add(schema.getType());
        }
        if (schema.getTypes() != null) {
            types.addAll(schema.getTypes());
        }
        return types;
    }

    public static boolean isObjectLike(Schema<?> schema) {
        return types(schema).contains("object") || hasProperties(schema);
    }

    public static boolean hasProperties(Schema<?> schema) {
        return schema.getProperties() != null && !schema.getProperties().isEmpty();
    }

    public static boolean isString(Schema<?> schema) {
        return types(schema).contains("string");
    }

    public static boolean isArray(Schema<?> schema) {
        return types(schema).contains("array");
    }

    public static boolean isNumeric(Schema<?> schema) {
        Set<String> types = types(schema);
        return types.contains("integer") || types.contains("number");
    }

    /** Values limited to a listed set are bounded whatever their type. */
    public static boolean isEnumerated(Schema<?> schema) {
        return (schema.getEnum() != null && !schema.getEnum().isEmpty()) || schema.getConst() != null;
    }

    public static Extras extras(Schema<?> schema) {
        if (isFalse(schema.getUnevaluatedProperties())) {
            return Extras.CLOSED;
        }
        Object additional = schema.getAdditionalProperties();
        if (additional == null) {
            return Extras.UNSPECIFIED;
        }
        if (additional instanceof Boolean allowed) {
            return allowed ? Extras.OPEN : Extras.CLOSED;
        }
        if (additional instanceof Schema<?> valueSchema && valueSchema.getBooleanSchemaValue() != null) {
            return valueSchema.getBooleanSchemaValue() ? Extras.OPEN : Extras.CLOSED;
        }
        return Extras.DICTIONARY;
    }

    private static boolean isFalse(Schema<?> schema) {
        return schema != null && Boolean.FALSE.equals(schema.getBooleanSchemaValue());
    }
}
