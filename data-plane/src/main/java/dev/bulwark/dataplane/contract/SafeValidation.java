package dev.bulwark.dataplane.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a compiled schema on a request value so that no input can make validation throw. The
 * validator converts numbers to {@code long} for {@code integer} bounds and fails on values beyond
 * that range ({@code 1e20}, {@code 99999999999999999999.5}): on such a failure, integral decimals are
 * rewritten as exact integers (cheaply: never one with more than 400 digits, so {@code 1e999999999}
 * allocates nothing) and validation runs again; what still cannot be checked is refused, fail-closed.
 */
final class SafeValidation {
    private static final int MAX_INTEGER_DIGITS = 400;

    private SafeValidation() {
    }

    /** @return the errors, or null when the value cannot be checked at all */
    static List<Error> validate(Schema schema, JsonNode value) {
        try {
            return schema.validate(value, context -> context.setExecutionConfig(SchemaEngine.REQUESTS));
        } catch (RuntimeException | StackOverflowError first) {
            try {
                JsonNode normalised = normalise(value);
                return normalised == value ? null
                        : schema.validate(normalised, context -> context.setExecutionConfig(SchemaEngine.REQUESTS));
            } catch (RuntimeException | StackOverflowError second) {
                return null;
            }
        }
    }

    /** The value with integral decimals as integers; the same instance when nothing changed. */
    static JsonNode normalise(JsonNode value) {
        if (value.isBigDecimal() || value.isDouble() || value.isFloat()) {
            BigDecimal number = value.decimalValue();
            BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
            if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS) {
                return ParameterDecoder.NODES.numberNode(stripped.toBigIntegerExact());
            }
            return value;
        }
        if (value.isObject()) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                JsonNode normalised = normalise(member.getValue());
                if (normalised != member.getValue()) {
                    copy = copy != null ? copy : ((ObjectNode) value).deepCopy();
                    copy.set(member.getKey(), normalised);
                }
            }
            return copy != null ? copy : value;
        }
        if (value.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < value.size(); i++) {
                JsonNode normalised = normalise(value.get(i));
                if (normalised != value.get(i)) {
                    copy = copy != null ? copy : ((ArrayNode) value).deepCopy();
                    copy.set(i, normalised);
                }
            }
            return copy != null ? copy : value;
        }
        return value;
    }
}
