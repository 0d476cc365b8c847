package dev.bulwark.controlplane.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ProblemException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the JSON policies of a request into validated {@link PolicyConfig} records, reporting every
 * problem with its full path ({@code policies[1].headerName}): unknown type, type not allowed at
 * this level, a second policy of one type, unknown or mistyped fields, and the record's own rules.
 */
@Singleton
public class PolicyCodec {
    private final ObjectMapper mapper;

    public PolicyCodec(ObjectMapper mapper) {
        // The application's mapper refuses unknown properties (application.yml); policies insist on it.
        this.mapper = mapper.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public List<PolicyConfig> decode(List<JsonNode> raw, PolicyLevel level, String field) {
        if (raw == null) {
            throw ProblemException.invalid(field, "is required (use [] for none)");
        }
        List<Violation> violations = new ArrayList<>();
        List<PolicyConfig> decoded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode node = raw.get(i);
            JsonNode typeNode = node == null || !node.isObject() ? null : node.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                violations.add(new Violation(at + ".type", "is required"));
                continue;
            }
            String type = typeNode.asText();
            if (PolicyType.byName(type).isEmpty()) {
                violations.add(new Violation(at + ".type", "is not a policy type; one of " + new TreeSet<>(PolicyType.all().keySet())));
                continue;
            }
            if (!level.allows(type)) {
                violations.add(new Violation(at + ".type", "'" + type + "' cannot be attached to " + level.description()
                        + "; allowed: " + new TreeSet<>(level.allowedTypes())));
                continue;
            }
            if (!seen.add(type)) {
                violations.add(new Violation(at + ".type", "a '" + type + "' policy is already attached here; at most one per type"));
                continue;
            }
            try {
                PolicyConfig config = mapper.treeToValue(node, PolicyConfig.class);
                config.validate().forEach(v -> violations.add(new Violation(at + "." + v.path(), v.message())));
                decoded.add(config);
            } catch (UnrecognizedPropertyException e) {
                violations.add(new Violation(at + "." + e.getPropertyName(), "is not a field of '" + type + "' policies"));
            } catch (JsonMappingException e) {
                violations.add(new Violation(at + pathOf(e), "has the wrong type or format"));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                violations.add(new Violation(at, "is not a valid '" + type + "' policy"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return List.copyOf(decoded);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** True when one of the policies authenticates callers (API key or JWT). */
    public static boolean authenticates(List<PolicyConfig> policies) {
        return policies.stream().anyMatch(p -> p.type().equals(PolicyType.API_KEY) || p.type().equals(PolicyType.JWT));
    }
}
