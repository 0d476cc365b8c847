package dev.bulwark.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.contracts.policy.PolicyConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical JSON form the snapshot content hash is computed over, written without any JSON
 * library so that both planes, whatever their Jackson configuration, produce the same bytes.
 *
 * <p>It follows RFC 8785 (JSON Canonicalization Scheme) for the values snapshots contain:
 * <ul>
 *   <li>no whitespace; object members sorted by name (UTF-16 code units, {@link String#compareTo});</li>
 *   <li>records become objects of their components; components whose value is null are omitted, and so are
 *       empty collections and maps of components marked {@code @JsonInclude(NON_EMPTY)}, as on the wire (a
 *       field added that way leaves the hash of every snapshot that does not use it unchanged);</li>
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
            case Record record -> record(record, out);
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

    /** A record's members in name order, resolved once per class: entries are hashed by the hundred thousand. */
    private static void record(Record record, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Member member : MEMBERS.get(record.getClass())) {
            Object value = member.read(record);
            if (value == null || member.omitWhenEmpty() && isEmpty(value)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(member.quotedName()).append(':');
            write(value, out);
        }
        out.append('}');
    }

    private static boolean isEmpty(Object value) {
        return value instanceof Collection<?> items ? items.isEmpty() : value instanceof Map<?, ?> map && map.isEmpty();
    }

    /** One member of a record: a component, or a policy's {@code type} discriminator. */
    private record Member(String quotedName, MethodHandle accessor, boolean omitWhenEmpty) {
        Object read(Record record) {
            try {
                return accessor == null ? ((PolicyConfig) record).type() : accessor.invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + quotedName + " of " + record.getClass(), e);
            }
        }
    }

    private static final ClassValue<List<Member>> MEMBERS = new ClassValue<>() {
        @Override
        protected List<Member> computeValue(Class<?> type) {
            TreeMap<String, MethodHandle> byName = new TreeMap<>();
            Set<String> omittedWhenEmpty = new HashSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    JsonInclude include = accessor.getAnnotation(JsonInclude.class);
                    if (include != null && include.value() == JsonInclude.Include.NON_EMPTY) {
                        omittedWhenEmpty.add(component.getName());
                    }
                    byName.put(component.getName(), MethodHandles.lookup().unreflect(accessor)
                            .asType(MethodType.methodType(Object.class, Record.class)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + component.getName() + " of " + type, e);
                }
            }
            if (PolicyConfig.class.isAssignableFrom(type)) {
                byName.put("type", null);
            }
            List<Member> members = new ArrayList<>(byName.size());
            byName.forEach((name, accessor) -> {
                StringBuilder quoted = new StringBuilder();
                string(name, quoted);
                members.add(new Member(quoted.toString(), accessor, omittedWhenEmpty.contains(name)));
            });
            return List.copyOf(members);
        }
    };

    private static final ClassValue<Map<String, String>> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected Map<String, String> computeValue(Class<?> type) {
            Map<String, String> names = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                String json = name;
                try {
                    JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                    json = property == null || property.value().isEmpty() ? name : property.value();
                } catch (NoSuchFieldException e) {
                    // keep the constant name
                }
                names.put(name, json);
            }
            return Map.copyOf(names);
        }
    };

    private static String enumName(Enum<?> constant) {
        return ENUM_NAMES.get(constant.getDeclaringClass()).get(constant.name());
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
