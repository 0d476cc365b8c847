package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.snapshot.SnapshotCompiler;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route-capture attack of the penetration test (issue 21, item 1) against the control plane:
 * a fresh tenant tries to publish a route that would take another tenant's live traffic on the
 * shared gateways. Each attempt is refused with a problem naming the field and nothing of the
 * victim, and the compiled snapshot never carries the attacker's route.
 */
// These tenants publish more APIs than the Free plan's five: they sign up on a plan without that limit.
@Property(name = "bulwark.billing.signup-plan", value = "business")
@MicronautTest(transactional = false)
class RouteCaptureHttpTest extends RealDatabaseTest {
    private static final String EMPTY = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Empty\",\"version\":\"1\"},\"paths\":{}}";

    @Inject @Client("/") HttpClient client;
    @Inject SnapshotCompiler compiler;
    Api http;
    Api.Session victim;
    Api.Session attacker;
    String victimSlug;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.platform.api-domain", "apis.bulwark-platform.dev");
        properties.put("micronaut.http.client.read-timeout", "60s");
        return properties;
    }

    @BeforeAll
    void signUp() {
        http = new Api(client);
        victimSlug = Api.unique("victim");
        victim = http.signUp(victimSlug);
        attacker = http.signUp(Api.unique("attacker"));
        assertThat(publish(victim, null, "/echo", document("orders-3.1.yaml"), true).status()).isEqualTo(200);
    }

    @Test
    void extensionBelowAnotherTenantsLiveRouteIsRefused() {
        assertRefused(publish(attacker, null, "/echo/items", document("orders-3.1.yaml"), true), "ROUTE_TAKEN", "basePath");
        assertRefused(publish(attacker, null, "/ECHO/items", document("orders-3.1.yaml"), true), "ROUTE_TAKEN", "basePath");
    }

    @Test
    void prefixAboveAnotherTenantsLiveRouteIsRefused() {
        assertRefused(publish(attacker, null, "/", document("orders-3.1.yaml"), true), "ROUTE_TAKEN", "basePath");
        // on the attacker's own, platform-assigned host: host-bound routes win over host-less ones
        String own = attackerHost();
        assertRefused(publish(attacker, own, "/", document("orders-3.1.yaml"), true), "ROUTE_TAKEN", "basePath");
        assertRefused(publish(attacker, own, "/echo", document("orders-3.1.yaml"), true), "ROUTE_TAKEN", "basePath");
        assertThat(publish(attacker, own, "/orders", document("orders-3.1.yaml"), true).status())
                .as("a path of its own on its own host is fine").isEqualTo(200);
    }

    @Test
    void hostTheTenantDoesNotOwnIsRefused() {
        assertRefused(publish(attacker, "api.victim-bank.com", "/pay", document("orders-3.1.yaml"), true), "HOST_NOT_VERIFIED", "host");
        assertRefused(publish(attacker, victimSlug + ".apis.bulwark-platform.dev", "/pay", document("orders-3.1.yaml"), true),
                "HOST_NOT_VERIFIED", "host");
    }

    @Test
    void anApiWithoutOperationsNeedsApiLevelAuthentication() {
        Reply open = publish(attacker, null, "/empty-" + Api.unique("e"), EMPTY, false);
        assertThat(open.status()).isEqualTo(409);
        assertThat(open.key()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(publish(attacker, null, "/guarded-" + Api.unique("e"), EMPTY, true).status()).isEqualTo(200);
    }

    @Test
    void aTenantMayNestItsOwnRoutes() {
        assertThat(publish(victim, null, "/echo/v2", document("orders-3.1.yaml"), true).status()).isEqualTo(200);
    }

    private void assertRefused(Reply reply, String key, String field) {
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.key()).isEqualTo(key);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("errors").findValuesAsText("path")).containsExactly(field);
        assertThat(reply.body().toString()).doesNotContain(victimSlug).doesNotContain(victim.tenantId().toString());
        assertThat(compiler.compileContent(Environment.STAGING).apis())
                .filteredOn(api -> api.tenantId().equals(attacker.tenantId().toString()))
                .allSatisfy(api -> assertThat(api.basePath()).doesNotStartWith("/echo").isNotEqualTo("/"));
    }

    private String attackerHost() {
        return http.get("/api/v1/domains", attacker.token()).body().path("platformDomain").asText();
    }

    private Reply publish(Api.Session session, String host, String basePath, String openapi, boolean apiKey) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "API " + basePath, "openapi", openapi, "basePath", basePath,
                "upstreamUrls", List.of("https://203.0.113.40")));
        if (host != null) {
            body.put("host", host);
        }
        Reply created = http.post("/api/v1/apis", body, session.token());
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        if (apiKey) {
            Reply policies = http.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + id + "/policies", Map.of("policies",
                    List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE), session.token())
                    .header("If-Match", "W/\"0\""));
            assertThat(policies.status()).isEqualTo(200);
        }
        return http.post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"), session.token());
    }
}
