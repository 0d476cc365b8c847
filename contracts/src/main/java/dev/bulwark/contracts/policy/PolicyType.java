package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.RecordSchemas;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The registry of policy type names and their configuration records. */
public final class PolicyType {
    public static final String API_KEY = "api-key";
    public static final String JWT = "jwt";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String QUOTA = "quota";
    public static final String IP_FILTER = "ip-filter";
    public static final String REQUEST_LIMITS = "request-limits";
    public static final String CORS = "cors";
    public static final String TIMEOUTS = "timeouts";

    private static final Map<String, Class<? extends PolicyConfig>> TYPES;

    static {
        Map<String, Class<? extends PolicyConfig>> types = new LinkedHashMap<>();
        types.put(API_KEY, ApiKeyAuthConfig.class);
        types.put(JWT, JwtAuthConfig.class);
        types.put(RATE_LIMIT, RateLimitConfig.class);
        types.put(QUOTA, QuotaConfig.class);
        types.put(IP_FILTER, IpFilterConfig.class);
        types.put(REQUEST_LIMITS, RequestLimitsConfig.class);
        types.put(CORS, CorsConfig.class);
        types.put(TIMEOUTS, TimeoutsConfig.class);
        TYPES = Map.copyOf(types);
    }

    private PolicyType() {
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
}
