package dev.bulwark.contracts.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives a JSON Schema (draft 2020-12) from a configuration record, so the schema the portal
 * renders forms from can never drift from the record the gateway enforces.
 * Output is plain maps and lists: any JSON library can write it.
 */
public final class RecordSchemas {
    private RecordSchemas() {
    }

    public static Map<String, Object> schemaOf(Class<? extends Record> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.putAll(objectSchema(type));
        return schema;
    }

    private static Map<String, Object> objectSchema(Class<?> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) {
            schema.put("description", doc.value());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            Map<String, Object> property = typeSchema(component.getGenericType());
            Doc componentDoc = component.getAnnotation(Doc.class);
            if (componentDoc != null) {
                property.put("description", componentDoc.value());
            }
            Range range = component.getAnnotation(Range.class);
            if (range != null) {
                if (range.min() != Long.MIN_VALUE) {
                    property.put("minimum", range.min());
                }
                if (range.max() != Long.MAX_VALUE) {
                    property.put("maximum", range.max());
                }
            }
            if (component.isAnnotationPresent(Required.class)) {
                required.add(name);
            }
            properties.put(name, property);
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> typeSchema(Type type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.put("items", typeSchema(parameterized.getActualTypeArguments()[0]));
                if (Set.class.isAssignableFrom(raw)) {
                    schema.put("uniqueItems", true);
                }
                return schema;
            }
            throw new IllegalArgumentException("unsupported configuration type " + type);
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            schema.put("type", "string");
        } else if (cls == int.class || cls == long.class || cls == Integer.class || cls == Long.class) {
            schema.put("type", "integer");
        } else if (cls == boolean.class || cls == Boolean.class) {
            schema.put("type", "boolean");
        } else if (cls.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", enumWireNames(cls));
        } else if (cls.isRecord()) {
            return objectSchema(cls);
        } else {
            throw new IllegalArgumentException("unsupported configuration type " + cls);
        }
        return schema;
    }

    /** The names Jackson reads and writes for an enum: its {@code @JsonProperty} or constant name. */
    public static List<String> enumWireNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                JsonProperty property = enumType.getField(name).getAnnotation(JsonProperty.class);
                names.add(property != null ? property.value() : name);
            } catch (NoSuchFieldException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return names;
    }
}
