package dev.bulwark.dataplane.contract;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream responses against the operation's declared responses (OWASP API3, excess data
 * exposure): the status must be declared (exactly, by range or as default), the media type among
 * the status's, and a JSON body must match its schema, {@code writeOnly} properties refused.
 * Filtering removes every property the schema does not name, at any depth, before validation.
 */
public final class ResponseChecks {
    /**
     * @param body       the body to send when filtering removed properties, else null (unchanged)
     * @param removed    properties the schema does not declare ({@code response/user/passwordHash}): removed
     *                   when filtering, violations otherwise
     * @param violations what else does not match
     */
    public record Outcome(byte[] body, List<String> removed, List<ContractViolation> violations) {
        public boolean clean() {
            return removed.isEmpty() && violations.isEmpty();
        }
    }

    private static final Outcome CLEAN = new Outcome(null, List.of(), List.of());

    private ResponseChecks() {
    }

    public static Outcome check(CompiledOperation operation, int status, String contentType, byte[] body, boolean filter) {
        CompiledOperation.ResponseContract declared = operation.response(status);
        if (declared == null) {
            return new Outcome(null, List.of(), List.of(new ContractViolation("response", "has a status the operation does not declare")));
        }
        if (declared.media().isEmpty() || body.length == 0) {
            return CLEAN;
        }
        String essence = MediaTypes.essence(contentType);
        CompiledOperation.BodyMedia media = declared.match(essence);
        if (media == null) {
            return new Outcome(null, List.of(), List.of(new ContractViolation("response", "has a media type the operation does not declare")));
        }
        if (media.schema() == null || !MediaTypes.isJson(essence)) {
            return CLEAN;
        }
        JsonNode document;
        try {
            document = SchemaEngine.JSON.readTree(body);
        } catch (RuntimeException e) {
            return new Outcome(null, List.of(), List.of(new ContractViolation("response", "is not well-formed JSON")));
        }
        List<String> removed = new ArrayList<>();
        // Undeclared properties are found in every mode (JSON Schema alone admits them); only filtering sends the result.
        strip(document, media.shape(), "response", removed);
        List<Error> errors;
        try {
            errors = media.schema().validate(document, context -> context.setExecutionConfig(SchemaEngine.RESPONSES));
        } catch (RuntimeException | StackOverflowError e) {
            errors = null;
        }
        List<ContractViolation> violations = errors == null
                ? List.of(new ContractViolation("response", "holds a value beyond what the contract can check"))
                : ErrorReasons.of(errors, "response", false);
        return new Outcome(filter && !removed.isEmpty() ? SchemaEngine.JSON.writeValueAsBytes(document) : null, removed, violations);
    }

    /** Removes, in place, every property the shape does not name where it names its properties. */
    static void strip(JsonNode value, ValueShape shape, String at, List<String> removed) {
        if (shape == null || shape.ambiguous && shape.properties.isEmpty()) {
            return;
        }
        if (value.isObject() && shape.declaresProperties && !shape.describesOtherProperties) {
            for (Iterator<Map.Entry<String, JsonNode>> members = ((ObjectNode) value).properties().iterator(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                if (!shape.properties.containsKey(member.getKey())) {
                    removed.add(at + "/" + Locations.safe(member.getKey()));
                    members.remove();
                }
            }
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                ValueShape property = shape.properties.get(member.getKey());
                if (property != null) {
                    strip(member.getValue(), property, at + "/" + Locations.safe(member.getKey()), removed);
                }
            }
        } else if (value.isArray() && shape.items != null) {
            for (int i = 0; i < value.size(); i++) {
                strip(value.get(i), shape.items, at + "/" + i, removed);
            }
        }
    }
}
