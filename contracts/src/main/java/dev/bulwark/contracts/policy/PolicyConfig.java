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
 *
 * <p>This interface is the registry of policy types: a new policy is a record permitted here and
 * named in {@code @JsonSubTypes} next to it (Jackson and the OpenAPI document read that
 * annotation), plus its entry in the gateway's {@code DefaultPolicyFactory}, which the compiler
 * demands (the switch there is exhaustive). {@link PolicyType} (names, classes, schemas) and
 * {@link #type()} are derived from it; {@code PolicyType} refuses to load if the two lists differ.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ApiKeyAuthConfig.class, name = "api-key"),
    @JsonSubTypes.Type(value = JwtAuthConfig.class, name = "jwt"),
    @JsonSubTypes.Type(value = RateLimitConfig.class, name = "rate-limit"),
    @JsonSubTypes.Type(value = QuotaConfig.class, name = "quota"),
    @JsonSubTypes.Type(value = IpFilterConfig.class, name = "ip-filter"),
    @JsonSubTypes.Type(value = RequestLimitsConfig.class, name = "request-limits"),
    @JsonSubTypes.Type(value = CorsConfig.class, name = "cors"),
    @JsonSubTypes.Type(value = TimeoutsConfig.class, name = "timeouts"),
    @JsonSubTypes.Type(value = ContractValidationConfig.class, name = "contract-validation"),
    @JsonSubTypes.Type(value = ThreatProtectionConfig.class, name = "threat-protection"),
    @JsonSubTypes.Type(value = SensitiveDataConfig.class, name = "sensitive-data"),
    @JsonSubTypes.Type(value = PlanAllowanceConfig.class, name = "plan-allowance"),
})
public sealed interface PolicyConfig permits ApiKeyAuthConfig, JwtAuthConfig, RateLimitConfig, QuotaConfig,
        IpFilterConfig, RequestLimitsConfig, CorsConfig, TimeoutsConfig, ContractValidationConfig, ThreatProtectionConfig,
        SensitiveDataConfig, PlanAllowanceConfig {

    /** The stable type name, as written in the {@code type} property: the name registered above. */
    default String type() {
        return PolicyType.nameOf(getClass());
    }

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
