package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.bulwark.contracts.schema.RecordSchemas;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Policy type names and their configuration records, derived from {@link PolicyConfig}'s
 * {@code permits} clause and {@code @JsonSubTypes} annotation: registering a policy never touches
 * this class. The constants name the built-in types for code that refers to one.
 */
public final class PolicyType {
    private static final Map<String, Class<? extends PolicyConfig>> TYPES = registered();
    private static final Map<Class<? extends PolicyConfig>, String> NAMES = TYPES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    public static final String API_KEY = nameOf(ApiKeyAuthConfig.class);
    public static final String JWT = nameOf(JwtAuthConfig.class);
    public static final String RATE_LIMIT = nameOf(RateLimitConfig.class);
    public static final String QUOTA = nameOf(QuotaConfig.class);
    public static final String IP_FILTER = nameOf(IpFilterConfig.class);
    public static final String REQUEST_LIMITS = nameOf(RequestLimitsConfig.class);
    public static final String CORS = nameOf(CorsConfig.class);
    public static final String TIMEOUTS = nameOf(TimeoutsConfig.class);
    public static final String CONTRACT_VALIDATION = nameOf(ContractValidationConfig.class);
    public static final String THREAT_PROTECTION = nameOf(ThreatProtectionConfig.class);
    public static final String SENSITIVE_DATA = nameOf(SensitiveDataConfig.class);
    public static final String PLAN_ALLOWANCE = nameOf(PlanAllowanceConfig.class);

    private PolicyType() {
    }

    /** The registered name of a configuration record. */
    public static String nameOf(Class<? extends PolicyConfig> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not registered in PolicyConfig's @JsonSubTypes");
        }
        return name;
    }

    public static Map<String, Class<? extends PolicyConfig>> all() {
        return TYPES;
    }

    public static Optional<Class<? extends PolicyConfig>> byName(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** JSON Schema of a policy's configuration, with the {@code type} discriminator pinned. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> schema(String name) {
        return byName(name).map(type -> {
            Map<String, Object> schema = RecordSchemas.schemaOf((Class<? extends Record>) type);
            schema.put("$id", "https://bulwark.dev/schemas/policies/" + name + ".json");
            schema.put("title", name);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("type", Map.of("const", name, "description", "Policy type."));
            properties.putAll((Map<String, Object>) schema.get("properties"));
            properties.remove("type", null);
            schema.put("properties", properties);
            return schema;
        });
    }

    /**
     * Reads the names from {@code @JsonSubTypes}, and refuses a registry that disagrees with the
     * sealed {@code permits} list: a record permitted but unnamed would fail only when first read.
     */
    private static Map<String, Class<? extends PolicyConfig>> registered() {
        Map<String, Class<? extends PolicyConfig>> types = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : PolicyConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            if (types.put(type.name(), type.value().asSubclass(PolicyConfig.class)) != null) {
                throw new IllegalStateException("policy type name '" + type.name() + "' is registered twice");
            }
        }
        Set<Class<?>> permitted = Set.of(PolicyConfig.class.getPermittedSubclasses());
        if (!permitted.equals(Set.copyOf(types.values()))) {
            throw new IllegalStateException("PolicyConfig permits " + permitted + " but @JsonSubTypes names " + types.values());
        }
        return Map.copyOf(types);
    }
}
