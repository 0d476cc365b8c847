package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.bulwark.contracts.schema.RecordValidator;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.schema.Violations;
import java.util.List;

/**
 * Configuration of one gateway policy. Attached at API, plan or operation level by the control
 * plane, validated there when saved, and trusted as-is by the gateway.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ApiKeyAuthConfig.class, name = PolicyType.API_KEY),
    @JsonSubTypes.Type(value = JwtAuthConfig.class, name = PolicyType.JWT),
    @JsonSubTypes.Type(value = RateLimitConfig.class, name = PolicyType.RATE_LIMIT),
    @JsonSubTypes.Type(value = QuotaConfig.class, name = PolicyType.QUOTA),
    @JsonSubTypes.Type(value = IpFilterConfig.class, name = PolicyType.IP_FILTER),
    @JsonSubTypes.Type(value = RequestLimitsConfig.class, name = PolicyType.REQUEST_LIMITS),
    @JsonSubTypes.Type(value = CorsConfig.class, name = PolicyType.CORS),
    @JsonSubTypes.Type(value = TimeoutsConfig.class, name = PolicyType.TIMEOUTS),
})
public sealed interface PolicyConfig permits ApiKeyAuthConfig, JwtAuthConfig, RateLimitConfig, QuotaConfig,
        IpFilterConfig, RequestLimitsConfig, CorsConfig, TimeoutsConfig {

    /** The stable type name, as written in the {@code type} property. */
    String type();

    /** Cross-field rules the declarative annotations cannot express. */
    void validateRules(Violations violations);

    /** All violations: declared ({@code @Required}, {@code @Range}) and cross-field. */
    default List<Violation> validate() {
        Violations violations = Violations.root();
        RecordValidator.checkDeclared((Record) this, violations);
        if (violations.isEmpty()) {
            validateRules(violations);
        }
        return violations.list();
    }
}
