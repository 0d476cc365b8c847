package dev.bulwark.dataplane.contract;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns validator errors into violations: the location from the error's instance path, the reason
 * from its keyword and the schema's own value (a bound, a format name), never from the library's
 * message, which may quote the offending input.
 */
final class ErrorReasons {
    /** Enough to fix a request; more only makes the response a vector. */
    static final int MAX_VIOLATIONS = 50;

    private ErrorReasons() {
    }

    /**
     * @param prefix   {@code body}, or the location kind ({@code query}) when the first pointer token is
     *                 the parameter's name
     * @param byName   true for parameter objects: {@code /limit} becomes {@code query.limit}
     */
    static List<ContractViolation> of(List<Error> errors, String prefix, boolean byName) {
        Set<ContractViolation> violations = new LinkedHashSet<>();
        for (Error error : errors) {
            if (violations.size() >= MAX_VIOLATIONS) {
                break;
            }
            String keyword = error.getKeyword() == null ? "" : error.getKeyword();
            String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            if ((keyword.equals("required") || keyword.equals("additionalProperties") || keyword.equals("unevaluatedProperties")
                    || keyword.equals("dependentRequired")) && error.getProperty() != null) {
                pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
            }
            violations.add(new ContractViolation(location(prefix, Locations.pointer(pointer), byName), reason(keyword, error.getSchemaNode())));
        }
        return new ArrayList<>(violations);
    }

    static String location(String prefix, String pointer, boolean byName) {
        if (!byName) {
            return pointer.isEmpty() ? prefix : prefix + pointer;
        }
        if (pointer.isEmpty()) {
            return prefix;
        }
        int next = pointer.indexOf('/', 1);
        String name = next < 0 ? pointer.substring(1) : pointer.substring(1, next);
        return prefix + "." + name + (next < 0 ? "" : pointer.substring(next));
    }

    static String reason(String keyword, JsonNode schemaValue) {
        String value = schemaValue == null ? "" : abbreviate(schemaValue.isString() ? schemaValue.asString() : schemaValue.toString());
        return switch (keyword) {
            case "type" -> "must be " + types(schemaValue);
            case "required" -> "is required";
            case "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "false" -> "is not allowed";
            case "enum" -> "must be one of the allowed values";
            case "const" -> "must be the allowed value";
            case "minimum" -> "must be at least " + value;
            case "maximum" -> "must be at most " + value;
            case "exclusiveMinimum" -> "must be greater than " + value;
            case "exclusiveMaximum" -> "must be less than " + value;
            case "multipleOf" -> "must be a multiple of " + value;
            case "minLength" -> "must be at least " + value + " characters long";
            case "maxLength" -> "must be at most " + value + " characters long";
            case "pattern" -> "does not match the required pattern";
            case "format" -> "must be a valid " + value;
            case "minItems" -> "must have at least " + value + " items";
            case "maxItems" -> "must have at most " + value + " items";
            case "uniqueItems" -> "must not contain duplicate items";
            case "contains", "minContains", "maxContains" -> "does not contain the required items";
            case "minProperties" -> "must have at least " + value + " properties";
            case "maxProperties" -> "must have at most " + value + " properties";
            case "propertyNames" -> "has a property name that is not allowed";
            case "dependentRequired", "dependentSchemas", "dependencies" -> "lacks a property another one requires";
            case "oneOf" -> "must match exactly one of the allowed schemas";
            case "anyOf" -> "must match at least one of the allowed schemas";
            case "allOf" -> "must match every required schema";
            case "not" -> "must not match a forbidden schema";
            case "if", "then", "else" -> "does not meet a conditional requirement";
            case "readOnly" -> "is read-only and cannot be sent";
            case "writeOnly" -> "is write-only and cannot be returned";
            default -> "is invalid";
        };
    }

    private static String types(JsonNode type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.values().forEach(each -> names.add(each.asString("")));
            return "one of " + String.join(", ", names);
        }
        String name = type.asString("");
        return switch (name) {
            case "integer", "object", "array" -> "an " + name;
            default -> "a " + name;
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
