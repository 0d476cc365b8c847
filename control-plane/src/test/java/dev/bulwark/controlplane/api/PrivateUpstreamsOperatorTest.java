package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.PlatformOperator;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.snapshot.SnapshotCompiler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 3: {@code PATCH /tenant-settings {"allowPrivateUpstreams":true}} was self-service,
 * and a tenant then proxied the gateway's status port. Private networks are now granted by the
 * platform operator only, and the platform's own endpoints are refused even inside them.
 */
@MicronautTest(transactional = false)
class PrivateUpstreamsOperatorTest extends RealDatabaseTest {
    private static final int GATEWAY_STATUS_PORT = 19091;
    private final UUID operatorId = UUID.randomUUID();
    @Inject @Client("/") HttpClient client;
    @Inject SnapshotCompiler compiler;
    Api http;
    Api.Session owner;
    Api.Session operator;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.platform.admin-user-ids", operatorId.toString());
        properties.put("bulwark.upstreams.default-private-cidrs", "127.0.0.0/8");
        properties.put("bulwark.upstreams.platform-endpoints", "127.0.0.0/8:" + GATEWAY_STATUS_PORT + ",[::1]:" + GATEWAY_STATUS_PORT);
        return properties;
    }

    @BeforeAll
    void setUp() {
        http = new Api(client);
        owner = http.signUp(Api.unique("tenant"));
        String opsSlug = Api.unique("ops");
        operator = PlatformOperator.create(http, database, operatorId, http.signUp(opsSlug), opsSlug);
    }

    @Test
    void aTenantOwnerCannotOpenPrivateNetworksNorReachTheGatewayStatusPort() {
        Reply settings = http.get("/api/v1/tenant-settings", owner.token());
        Reply patched = http.patch("/api/v1/tenant-settings", Map.of("allowPrivateUpstreams", true), owner.token(), settings.header("ETag"));
        assertThat(patched.status()).isEqualTo(403);
        assertThat(patched.key()).isEqualTo("OPERATOR_SETTING");
        Reply grant = http.send(Api.auth(HttpRequest.PUT("/api/v1/platform/tenants/" + owner.tenantId() + "/private-upstreams",
                Map.of("cidrs", List.of("0.0.0.0/0"))).contentType(MediaType.APPLICATION_JSON_TYPE), owner.token()));
        assertThat(grant.status()).isEqualTo(403);
        assertThat(grant.key()).isEqualTo("PLATFORM_ADMIN_REQUIRED");

        for (String statusUrl : List.of("http://127.0.0.1:" + GATEWAY_STATUS_PORT, "http://localhost:" + GATEWAY_STATUS_PORT + "/metrics",
                "http://127.0.0.2:" + GATEWAY_STATUS_PORT, "http://[::ffff:7f00:1]:" + GATEWAY_STATUS_PORT)) {
            Reply created = create("/status-" + UUID.randomUUID().toString().substring(0, 6), statusUrl);
            assertThat(created.status()).as(statusUrl).isEqualTo(400);
            assertThat(created.body().toString()).as(statusUrl).contains("upstreamUrls[0]").contains("platform's own endpoints");
        }
        assertThat(create("/intranet", "http://10.0.0.5:8080").status()).as("not granted").isEqualTo(400);
    }

    @Test
    void theOperatorGrantsNetworksAndTheSnapshotCarriesThemWithThePlatformEndpoints() {
        Api.Session tenant = http.signUp(Api.unique("granted"));
        Reply grant = http.send(Api.auth(HttpRequest.PUT("/api/v1/platform/tenants/" + tenant.tenantId() + "/private-upstreams",
                Map.of("cidrs", List.of("10.0.0.0/8", "bogus"))).contentType(MediaType.APPLICATION_JSON_TYPE), operator.token()));
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.body().path("errors").get(0).path("path").asText()).isEqualTo("cidrs[1]");
        grant = http.send(Api.auth(HttpRequest.PUT("/api/v1/platform/tenants/" + tenant.tenantId() + "/private-upstreams",
                Map.of("cidrs", List.of("10.0.0.0/8"))).contentType(MediaType.APPLICATION_JSON_TYPE), operator.token()));
        assertThat(grant.status()).as(String.valueOf(grant.body())).isEqualTo(200);
        assertThat(http.get("/api/v1/tenant-settings", tenant.token()).body().path("privateUpstreamCidrs").toString())
                .contains("10.0.0.0/8").contains("127.0.0.0/8");

        Reply created = http.post("/api/v1/apis", Map.of("name", "Intranet", "openapi", document("orders-3.1.yaml"),
                "basePath", "/intranet-" + Api.unique("x"), "upstreamUrls", List.of("http://10.0.0.5:8080"), "allowPrivateUpstreams", true),
                tenant.token());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().path("id").asText();
        Reply policies = http.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + id + "/policies", Map.of("policies",
                List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE), tenant.token())
                .header("If-Match", "W/\"0\""));
        assertThat(policies.status()).isEqualTo(200);
        assertThat(http.post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"), tenant.token()).status()).isEqualTo(200);

        Snapshot staging = compiler.compileContent(dev.bulwark.controlplane.kernel.Environment.STAGING);
        ApiEntry entry = staging.apis().stream().filter(api -> api.apiId().equals(id)).findFirst().orElseThrow();
        assertThat(entry.allowedPrivateCidrs()).containsExactlyInAnyOrder("127.0.0.0/8", "10.0.0.0/8");
        assertThat(entry.deniedEndpoints()).contains("127.0.0.0/8:" + GATEWAY_STATUS_PORT);
    }

    private Reply create(String basePath, String upstream) {
        return http.post("/api/v1/apis", Map.of("name", "API " + basePath, "openapi", document("orders-3.1.yaml"), "basePath", basePath,
                "upstreamUrls", List.of(upstream), "allowPrivateUpstreams", true), owner.token());
    }
}
