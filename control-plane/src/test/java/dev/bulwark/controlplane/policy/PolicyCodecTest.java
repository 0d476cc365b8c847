package dev.bulwark.controlplane.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ProblemException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCodecTest {
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final PolicyCodec codec = new PolicyCodec(mapper);

    @Test
    void decodesTypedRecordsWithDefaults() throws Exception {
        List<PolicyConfig> policies = codec.decode(nodes("""
                [{"type":"api-key","name":"X-Key"},
                 {"type":"rate-limit","limit":10,"periodSeconds":1}]"""), PolicyLevel.API, "policies");

        assertThat(policies).hasSize(2);
        assertThat(policies.get(0)).isEqualTo(new ApiKeyAuthConfig(null, "X-Key", null));
        assertThat(policies.get(1)).isInstanceOf(RateLimitConfig.class);
    }

    @Test
    void namesUnknownFieldsWithTheirFullPath() {
        assertViolations("[{\"type\":\"api-key\"},{\"type\":\"api-key-ish\"}]", PolicyLevel.API, "policies[1].type");
        assertViolations("[{\"type\":\"cors\",\"allowOrigins\":[\"*\"]},{\"type\":\"api-key\",\"headerName\":\"X\"}]",
                PolicyLevel.API, "policies[1].headerName");
    }

    @Test
    void reportsDeclaredAndCrossFieldRulesWithPaths() {
        assertViolations("[{\"type\":\"timeouts\"},{\"type\":\"api-key\",\"name\":\"bad header\"}]", PolicyLevel.API,
                "policies[1].name");
        assertViolations("[{\"type\":\"jwt\",\"issuer\":\"i\",\"audiences\":[\"a\"],\"algorithms\":[\"RS256\"]}]",
                PolicyLevel.API, "policies[0].jwksUrl");
        assertViolations("[{\"type\":\"timeouts\",\"connectTimeoutMillis\":\"soon\"}]", PolicyLevel.API,
                "policies[0].connectTimeoutMillis");
        assertViolations("[{\"type\":\"cors\",\"allowOrigins\":[\"*\"],\"allowCredentials\":true}]", PolicyLevel.OPERATION,
                "policies[0].allowCredentials");
    }

    @Test
    void allowsOnePolicyOfEachTypePerAttachmentPoint() {
        assertViolations("[{\"type\":\"api-key\"},{\"type\":\"api-key\",\"name\":\"Other\"}]", PolicyLevel.API, "policies[1].type");
    }

    @Test
    void plansCarryOnlyLimits() {
        assertViolations("[{\"type\":\"api-key\"}]", PolicyLevel.PLAN, "policies[0].type");
        assertViolations("[{\"type\":\"jwt\"}]", PolicyLevel.PLAN, "policies[0].type");
        assertThat(PolicyLevel.PLAN.allows("quota")).isTrue();
        assertThat(PolicyLevel.OPERATION.allows("jwt")).isTrue();
    }

    @Test
    void refusesEntriesWithoutAType() {
        assertViolations("[{\"name\":\"X\"}, 3]", PolicyLevel.API, "policies[0].type", "policies[1].type");
    }

    private void assertViolations(String json, PolicyLevel level, String... paths) {
        assertThatThrownBy(() -> codec.decode(nodes(json), level, "policies"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(Violation::path).containsExactly(paths);
                });
    }

    private List<JsonNode> nodes(String json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        mapper.readTree(json).forEach(out::add);
        return out;
    }
}
