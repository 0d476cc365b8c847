package dev.bulwark.controlplane.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bulwark.contracts.policy.PolicyConfig;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a subscriber of an API may call and how much: allowed operation ids (empty = all) and
 * limit policies. {@code approval} says whether subscriptions start active or wait for an admin.
 */
public record Plan(UUID id, UUID apiId, String name, String description, List<String> allowedOperations,
                   List<PolicyConfig> policies, Approval approval, Instant createdAt, @JsonIgnore long version) {
    public Plan {
        allowedOperations = List.copyOf(allowedOperations);
        policies = List.copyOf(policies);
    }

    @TypeDef(type = DataType.STRING, converter = ApprovalConverter.class)
    public enum Approval {
        @com.fasterxml.jackson.annotation.JsonProperty("auto") AUTO,
        @com.fasterxml.jackson.annotation.JsonProperty("manual") MANUAL;

        static Approval parse(String text) {
            if ("auto".equals(text)) {
                return AUTO;
            }
            if ("manual".equals(text)) {
                return MANUAL;
            }
            throw new IllegalArgumentException(text);
        }
    }
}
