package dev.bulwark.contracts.schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;

/**
 * The declarative half of validation: {@link Required} and {@link Range} on record components,
 * recursing into nested records. Cross-field rules live in each record's own {@code validate}.
 */
public final class RecordValidator {
    private RecordValidator() {
    }

    public static void checkDeclared(Record value, Violations violations) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object fieldValue = read(value, component);
            String name = component.getName();
            if (fieldValue == null || (fieldValue instanceof String s && s.isBlank())) {
                if (component.isAnnotationPresent(Required.class)) {
                    violations.add(name, "is required");
                }
                continue;
            }
            Range range = component.getAnnotation(Range.class);
            if (range != null && fieldValue instanceof Number number) {
                long n = number.longValue();
                if (n < range.min() || n > range.max()) {
                    violations.add(name, "must be between " + range.min() + " and " + range.max() + ", was " + n);
                }
            }
            if (fieldValue instanceof Collection<?> items) {
                if (component.isAnnotationPresent(Required.class) && items.isEmpty()) {
                    violations.add(name, "must not be empty");
                }
                int index = 0;
                for (Object item : items) {
                    if (item == null) {
                        violations.at(name, index).add("", "must not be null");
                    } else if (item instanceof Record nested) {
                        checkDeclared(nested, violations.at(name, index));
                    }
                    index++;
                }
            } else if (fieldValue instanceof Record nested) {
                checkDeclared(nested, violations.at(name));
            }
        }
    }

    private static Object read(Record value, RecordComponent component) {
        try {
            return component.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
