package dev.bulwark.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.bulwark.contracts.schema.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void readsPolicyByTypeAndAppliesDefaults() throws Exception {
        PolicyConfig config = json.readValue("{\"type\":\"rate-limit\",\"limit\":100,\"periodSeconds\":10}", PolicyConfig.class);

        assertThat(config).isInstanceOfSatisfying(RateLimitConfig.class, rate -> {
            assertThat(rate.limit()).isEqualTo(100);
            assertThat(rate.keyBy()).isEqualTo(LimitKey.APPLICATION);
            assertThat(rate.failureMode()).isEqualTo(FailureMode.OPEN);
            assertThat(rate.mode()).isEqualTo(LimitMode.DISTRIBUTED);
        });
        assertThat(config.validate()).isEmpty();
    }

    @Test
    void writesTypeDiscriminatorAndRoundTrips() throws Exception {
        PolicyConfig original = new ApiKeyAuthConfig(CredentialLocation.QUERY, "apikey", false);
        String text = json.writeValueAsString(original);

        assertThat(json.readTree(text).get("type").asText()).isEqualTo("api-key");
        assertThat(json.readTree(text).get("in").asText()).isEqualTo("query");
        assertThat(json.readValue(text, PolicyConfig.class)).isEqualTo(original);
    }

    @Test
    void typeRegistryIsDerivedFromTheSealedInterface() {
        Set<Class<?>> permitted = Set.of(PolicyConfig.class.getPermittedSubclasses());

        assertThat(PolicyType.all()).hasSameSizeAs(permitted);
        assertThat(Set.copyOf(PolicyType.all().values())).isEqualTo(permitted);
        PolicyType.all().forEach((name, type) -> assertThat(PolicyType.nameOf(type)).isEqualTo(name));
        assertThat(new RequestLimitsConfig(null, null, null, null).type()).isEqualTo("request-limits");
        assertThat(PolicyType.RATE_LIMIT).isEqualTo("rate-limit");
    }

    @Test
    void refusesUnknownFields() {
        assertThatThrownBy(() -> json.readValue("{\"type\":\"quota\",\"limit\":5,\"period\":\"day\",\"limt\":3}", PolicyConfig.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("limt");
    }

    @Test
    void reportsMissingRequiredAndRangeWithFieldPaths() {
        RateLimitConfig config = new RateLimitConfig(0L, null, null, null, null, null, null, 99_999, null);

        assertThat(config.validate()).extracting(Violation::path)
                .containsExactlyInAnyOrder("limit", "periodSeconds", "redisTimeoutMillis");
    }

    @Test
    void headerKeyNeedsHeaderNameAndOnlyThen() {
        RateLimitConfig missing = new RateLimitConfig(10L, 1, null, LimitKey.HEADER, null, null, null, null, null);
        RateLimitConfig stray = new RateLimitConfig(10L, 1, null, LimitKey.IP, "X-Tenant", null, null, null, null);

        assertThat(missing.validate()).containsExactly(new Violation("headerName", "is required when keyBy is header"));
        assertThat(stray.validate()).containsExactly(new Violation("headerName", "is only allowed when keyBy is header"));
    }

    @Test
    void corsRefusesCredentialsWithWildcardAndOriginsWithPaths() {
        CorsConfig config = new CorsConfig(List.of("*"), null, null, null, true, null);
        CorsConfig withPath = new CorsConfig(List.of("https://app.example.com/x"), null, null, null, false, null);

        assertThat(config.validate()).extracting(Violation::path).containsExactly("allowCredentials");
        assertThat(withPath.validate()).extracting(Violation::path).containsExactly("allowOrigins[0]");
    }

    @Test
    void ipFilterNamesTheBadEntry() {
        IpFilterConfig config = new IpFilterConfig(List.of("10.0.0.0/8", "10.0.0.0/33"), List.of("evil.example.com"), null);

        assertThat(config.validate()).extracting(Violation::path).containsExactly("allow[1]", "deny[0]");
    }

    @Test
    void jwtRefusesPlainHttpJwksExceptLoopbackAndNeedsAlgorithms() {
        JwtAuthConfig remoteHttp = new JwtAuthConfig("https://idp", "http://idp.example.com/jwks", List.of("api"),
                List.of(JwtAlgorithm.RS256), null, null, null, null);
        JwtAuthConfig loopback = new JwtAuthConfig("https://idp", "http://127.0.0.1:8081/jwks", List.of("api"),
                List.of(JwtAlgorithm.ES256), null, null, null, null);
        JwtAuthConfig noAlgorithms = new JwtAuthConfig("https://idp", "https://idp/jwks", List.of("api"),
                List.of(), null, null, null, null);

        assertThat(remoteHttp.validate()).extracting(Violation::path).containsExactly("jwksUrl");
        assertThat(loopback.validate()).isEmpty();
        assertThat(noAlgorithms.validate()).extracting(Violation::path).containsExactly("algorithms");
    }

    @Test
    void jwtIntrospectionIsReadWithDefaultsAndItsFieldsAreCheckedWithTheirPaths() throws Exception {
        PolicyConfig read = json.readValue("{\"type\":\"jwt\",\"issuer\":\"https://idp\",\"jwksUrl\":\"https://idp/jwks\","
                + "\"audiences\":[\"api\"],\"algorithms\":[\"RS256\"],\"introspection\":{\"endpoint\":\"https://idp/introspect\","
                + "\"clientId\":\"gateway\",\"clientSecretEnv\":\"BULWARK_INTROSPECTION_SECRET_SHOP\",\"mode\":\"always\"}}", PolicyConfig.class);
        assertThat(read).isInstanceOfSatisfying(JwtAuthConfig.class, jwt -> {
            assertThat(jwt.introspection().mode()).isEqualTo(IntrospectionMode.ALWAYS);
            assertThat(jwt.introspection().cacheSeconds()).isEqualTo(60);
            assertThat(jwt.introspection().negativeCacheSeconds()).isEqualTo(5);
            assertThat(jwt.introspection().maxCacheEntries()).isEqualTo(10_000);
            assertThat(jwt.introspection().timeoutMillis()).isEqualTo(2_000);
        });
        assertThat(read.validate()).isEmpty();

        TokenIntrospectionConfig bad = new TokenIntrospectionConfig("http://idp.example.com/introspect", " ",
                "BULWARK_API_KEY_PEPPER", null, 0, null, null, null);
        JwtAuthConfig withBad = new JwtAuthConfig("https://idp", "https://idp/jwks", List.of("api"), List.of(JwtAlgorithm.RS256),
                null, null, null, null, null, bad);
        assertThat(withBad.validate()).extracting(Violation::path)
                .containsExactlyInAnyOrder("introspection.clientId", "introspection.cacheSeconds");
        TokenIntrospectionConfig badRules = new TokenIntrospectionConfig("http://idp.example.com/introspect", "x".repeat(257),
                "BULWARK_API_KEY_PEPPER", null, null, null, null, null);
        assertThat(new JwtAuthConfig("https://idp", "https://idp/jwks", List.of("api"), List.of(JwtAlgorithm.RS256),
                null, null, null, null, null, badRules).validate()).extracting(Violation::path)
                .as("plain http to a remote host, an overlong client id, a gateway secret that is not an introspection secret")
                .containsExactly("introspection.endpoint", "introspection.clientId", "introspection.clientSecretEnv");
    }

    @Test
    void jwtAlgorithmsCannotBeSharedSecret() {
        assertThatThrownBy(() -> json.readValue("{\"type\":\"jwt\",\"issuer\":\"i\",\"jwksUrl\":\"https://i/k\","
                + "\"audiences\":[\"a\"],\"algorithms\":[\"HS256\"]}", PolicyConfig.class))
                .hasMessageContaining("HS256");
    }

    @Test
    void timeoutsCrossFieldRule() {
        assertThat(new TimeoutsConfig(5_000, 1_000, 0).validate()).extracting(Violation::path).containsExactly("connectTimeoutMillis");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPolicyPublishesASchemaWithDescriptionsAndNoExtraProperties() {
        for (String type : PolicyType.all().keySet()) {
            Map<String, Object> schema = PolicyType.schema(type).orElseThrow();
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");

            assertThat(schema).containsEntry("additionalProperties", false).containsKey("description");
            assertThat(properties.get("type")).isEqualTo(Map.of("const", type, "description", "Policy type."));
            properties.forEach((name, property) ->
                    assertThat((Map<String, Object>) property).as(type + "." + name).containsKey("description"));
        }
        Map<String, Object> rate = PolicyType.schema("rate-limit").orElseThrow();
        Map<String, Object> keyBy = (Map<String, Object>) ((Map<String, Object>) rate.get("properties")).get("keyBy");
        assertThat(keyBy.get("enum")).isEqualTo(List.of("application", "api-key", "ip", "header"));
        assertThat(rate.get("required")).isEqualTo(List.of("limit", "periodSeconds"));
    }
}
