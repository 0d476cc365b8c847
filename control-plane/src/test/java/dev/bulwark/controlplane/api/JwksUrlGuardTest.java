package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static dev.bulwark.controlplane.api.CatalogTestSupport.petstore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSRF through a jwt policy's jwksUrl: the gateway fetches it from its own network, so an API
 * without private upstreams may not name loopback, link-local, metadata or private addresses there.
 */
@MicronautTest(transactional = false)
class JwksUrlGuardTest extends RealDatabaseTest {
    @Inject ApiService apis;
    @Inject PolicyAttachments policies;
    @Inject ObjectMapper mapper;

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/jwks.json", "https://[::1]/jwks.json", "http://localhost:8080/jwks",
        "https://169.254.169.254/latest/meta-data", "https://10.1.2.3/jwks.json", "https://[::ffff:a9fe:a9fe]/jwks",
        "https://[fe80::1%25lo]/jwks"})
    void aJwksUrlIntoThePlatformsNetworkIsRefused(String jwksUrl) throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = apis.create(owner, petstore("/jwks-" + Math.abs(jwksUrl.hashCode())));
        List<JsonNode> jwt = jwt(jwksUrl);

        assertThatThrownBy(() -> policies.setApiPolicies(owner, api.id(), 0, jwt)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.key()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.errors()).extracting(Violation::path).containsExactly("policies[0].jwksUrl");
        });
        assertThatThrownBy(() -> policies.setOperationPolicies(owner, api.id(), "listPets", 0, jwt))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("policies[0].jwksUrl"));
        assertThat(apis.get(owner.tenantId(), api.id()).body().policies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/introspect", "https://169.254.169.254/latest/meta-data", "https://10.1.2.3/introspect"})
    void anIntrospectionEndpointIntoThePlatformsNetworkIsRefused(String endpoint) throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = apis.create(owner, petstore("/introspect-" + Math.abs(endpoint.hashCode())));
        List<JsonNode> jwt = introspecting("https://id.example.com/jwks.json", endpoint);

        assertThatThrownBy(() -> policies.setApiPolicies(owner, api.id(), 0, jwt)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).extracting(Violation::path).containsExactly("policies[0].introspection.endpoint");
        });
        assertThat(policies.setApiPolicies(owner, api.id(), 0, introspecting("https://id.example.com/jwks.json",
                "https://id.example.com/introspect")).version()).as("a public endpoint is accepted").isPositive();
    }

    @Test
    void publishingChecksTheJwksUrlAgainstTheApisCurrentPermission() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        CatalogTestSupport.allowPrivateUpstreams(database, owner.tenantId());
        ApiView api = apis.create(owner, new ApiCommands.CreateApi("Internal IdP", CatalogTestSupport.document("petstore-3.0.json"),
                "/internal-idp", null, List.of("https://203.0.113.10/v1"), null, true));
        long version = policies.setApiPolicies(owner, api.id(), 0, jwt("https://10.1.2.3/jwks.json")).version();
        assertThat(version).as("allowed while the API may use private networks").isPositive();
        withdrawPrivateUpstreams(owner);

        assertThatThrownBy(() -> apis.changeLifecycle(owner, api.id(), "published")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.key()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.errors()).extracting(Violation::path).containsExactly("policies[0].jwksUrl");
        });
    }

    private void withdrawPrivateUpstreams(Principal owner) throws Exception {
        try (java.sql.Connection connection = database.connect();
             java.sql.PreparedStatement update = connection.prepareStatement("UPDATE tenant SET private_upstream_cidrs = '{}' WHERE id = ?")) {
            update.setObject(1, owner.tenantId().value());
            update.executeUpdate();
        }
    }

    private List<JsonNode> introspecting(String jwksUrl, String endpoint) throws Exception {
        return List.of(mapper.readTree(mapper.writeValueAsString(java.util.Map.of("type", "jwt", "issuer", "https://id.example.com",
                "jwksUrl", jwksUrl, "audiences", List.of("orders"), "algorithms", List.of("ES256"), "introspection", java.util.Map.of(
                        "endpoint", endpoint, "clientId", "gateway", "clientSecretEnv", "BULWARK_INTROSPECTION_SECRET_SHOP")))));
    }

    private List<JsonNode> jwt(String jwksUrl) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        out.add(mapper.readTree(mapper.writeValueAsString(java.util.Map.of("type", "jwt", "issuer", "https://id.example.com",
                "jwksUrl", jwksUrl, "audiences", List.of("orders"), "algorithms", List.of("ES256")))));
        return out;
    }
}
