package dev.bulwark.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.contracts.policy.PolicyConfig;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form the snapshot content hash is computed over, written without any JSON
 * library so that both planes, whatever their Jackson configuration, produce the same bytes.
 *
 * <p>It follows RFC 8785 (JSON Canonicalization Scheme) for the values snapshots contain:
 * <ul>
 *   <li>no whitespace; object members sorted by name (UTF-16 code units, {@link String#compareTo});</li>
 *   <li>records become objects of their components; components whose value is null are omitted;</li>
 *   <li>a {@link PolicyConfig} also carries its {@code "type"} discriminator, as on the wire;</li>
 *   <li>enums are written as their {@code @JsonProperty} name (or constant name), instants as
 *       ISO-8601 UTC ({@link Instant#toString()}), integers in decimal; floating point is refused;</li>
 *   <li>strings escape only {@code "}, {@code \} and control characters ({@code \b \t \n \f \r},
 *       else {@code \}{@code u00xx} in lower-case hex); everything else is literal UTF-8.</li>
 * </ul>
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text, out);
            case Boolean flag -> out.append(flag.booleanValue());
            case Integer number -> out.append(number.intValue());
            case Long number -> out.append(number.longValue());
            case Short number -> out.append(number.shortValue());
            case Byte number -> out.append(number.byteValue());
            case BigInteger number -> out.append(number);
            case Instant instant -> string(instant.toString(), out);
            case Enum<?> constant -> string(enumName(constant), out);
            case Map<?, ?> map -> object(sorted(map), out);
            case Collection<?> items -> array(items, out);
            case Record record -> object(components(record), out);
            default -> throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getName());
        }
    }

    private static void array(Collection<?> items, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, out);
        }
        out.append(']');
    }

    private static void object(TreeMap<String, Object> members, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : members.entrySet()) {
            if (member.getValue() == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out);
        }
        out.append('}');
    }

    private static TreeMap<String, Object> sorted(Map<?, ?> map) {
        TreeMap<String, Object> members = new TreeMap<>();
        map.forEach((key, value) -> members.put(String.valueOf(key), value));
        return members;
    }

    private static TreeMap<String, Object> components(Record record) {
        TreeMap<String, Object> members = new TreeMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                members.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
            }
        }
        if (record instanceof PolicyConfig policy) {
            members.put("type", policy.type());
        }
        return members;
    }

    private static String enumName(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property == null || property.value().isEmpty() ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
