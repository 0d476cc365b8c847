package dev.bulwark.launcher.e2e;

import static dev.bulwark.launcher.e2e.ConsoleApi.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.KeycloakServer;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's story against a real Keycloak, as separate processes (control plane, data plane, a real
 * upstream): a tenant's sign-up provisions its realm; a member logs in to the console through OIDC in
 * Chromium; a developer application gets a confidential client, obtains a token with client
 * credentials, calls an API through the gateway (200), is refused an operation outside its scopes
 * (403), and is refused after the client is revoked (401) within one second. Then Keycloak stops: the
 * gateway keeps validating from its cached JWKS, single sign-on answers 503 and password log-in works.
 */
@ExtendWith(RealServicesExtension.class)
class KeycloakE2eTest {
    private static final Duration PROVISIONED_WITHIN = Duration.ofMinutes(4);
    private static final long REVOCATION_BOUND_MS = 1_000;
    private static final String OPENAPI = """
            openapi: 3.0.3
            info: {title: Inventory, version: 1.0.0}
            components:
              securitySchemes:
                keycloak:
                  type: oauth2
                  flows:
                    clientCredentials:
                      tokenUrl: https://id.example.com/token
                      scopes: {items:read: read items, items:write: change items}
            paths:
              /items:
                get:
                  operationId: listItems
                  security: [{keycloak: [items:read]}]
                  responses:
                    '200': {description: the items}
              /items/{itemId}:
                delete:
                  operationId: deleteItem
                  security: [{keycloak: [items:write]}]
                  parameters:
                    - {name: itemId, in: path, required: true, schema: {type: string}}
                  responses:
                    '204': {description: gone}
            """;

    @Test
    void signUpProvisionsSsoWorksAndAnApplicationsClientIsScopedAndRevokedAtTheGateway(TestDatabase database, TestRedis redis,
            @TempDir Path home) throws Exception {
        BrowserScript browser = new BrowserScript();

        KeycloakServer keycloak = KeycloakServer.shared();
        String unique = Long.toString(System.nanoTime(), 36);
        String realmPrefix = KeycloakServer.uniqueName("bwe2e") + "-";
        try (TestUpstream upstream = TestUpstream.start();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            platform.startControlPlane("production", Map.of(
                    "BULWARK_KEYCLOAK_URL", keycloak.url(),
                    "BULWARK_KEYCLOAK_ADMIN_USERNAME", keycloak.adminUsername(),
                    "BULWARK_KEYCLOAK_ADMIN_PASSWORD", keycloak.adminPassword(),
                    "BULWARK_KEYCLOAK_REALM_PREFIX", realmPrefix));
            DataPlane gateway = platform.addDataPlane("gw-kc");
            platform.startDataPlane(gateway);

            // 1. Sign-up provisions the tenant's realm.
            String slug = "kc-" + unique;
            ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), slug, "owner+" + unique + "@example.com",
                    "kc-" + unique + "-Correct-Horse-7");
            String tenantId = console.get("/api/v1/me").path("tenant").path("id").asText();
            await("realm provisioned").atMost(PROVISIONED_WITHIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> console.get("/api/v1/identity-settings").path("realmReady").asBoolean());
            JsonNode identity = console.get("/api/v1/identity-settings");
            String realm = realmPrefix + tenantId;
            assertThat(identity.path("realm").asText()).isEqualTo(realm);
            String issuer = keycloak.url() + "/realms/" + realm;
            assertThat(identity.path("issuer").asText()).isEqualTo(issuer);

            // 2. A member logs in to the console through OIDC, in Chromium; the realm role decides the Bulwark role.
            console.send("PUT", "/api/v1/identity-settings", object(Map.of("passwordLogin", true, "oidcLogin", true)), null, 200);
            String member = "ada+" + unique + "@example.com";
            String memberPassword = "Kc-" + unique + "-member";
            new KeycloakRest(keycloak).createUser(realm, "ada-" + unique, member, memberPassword, "bulwark-admin");
            String browserLog = browser.run("sso.mjs", Map.of("BASE_URL", platform.controlPlaneUrl(), "TENANT_SLUG", slug,
                    "SSO_USERNAME", member, "SSO_PASSWORD", memberPassword, "EXPECT_ROLE", "admin"), home, Duration.ofMinutes(4));
            assertThat(browserLog).contains("e2e sso: passed");

            // 3. An API whose operations need scopes, behind the jwt policy on the realm's keys.
            String apiId = console.publishApi("Inventory", OPENAPI, "/inventory", upstream.url(), object(Map.of("policies",
                    List.of(Map.of("type", "jwt", "issuer", issuer, "jwksUrl", issuer + "/protocol/openid-connect/certs",
                            "audiences", List.of("bulwark-api"), "algorithms", List.of("RS256"))))));
            String planId = console.autoApprovedPlan(apiId, "Readers", List.of("listItems"));
            String developerId = console.developer("dev+" + unique + "@example.com", "Dana Developer");
            String applicationId = console.subscribedApplication(developerId, planId, "Checkout");
            platform.awaitReady(gateway);

            // 4. The application becomes a confidential client; its token carries the plan's scopes only.
            JsonNode client = console.post("/api/v1/applications/" + applicationId + "/oauth-client", object(Map.of()), 201);
            assertThat(client.path("clientId").asText()).isEqualTo(applicationId);
            assertThat(client.path("scopes").toString()).isEqualTo("[\"items:read\"]");
            HttpResponse<String> grant = KeycloakRest.clientCredentials(client.path("tokenUrl").asText(), applicationId,
                    client.path("clientSecret").asText());
            assertThat(grant.statusCode()).as("client credentials: %s", grant.body()).isEqualTo(200);
            String token = ConsoleApi.JSON.readTree(grant.body()).path("access_token").asText();

            await("the application's first call through the gateway").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> GatewayCall.bearer("GET", gateway.url(), "/inventory/items", token).status() == 200);
            GatewayCall outside = GatewayCall.bearer("DELETE", gateway.url(), "/inventory/items/7", token);
            assertThat(outside.status()).as("an operation outside the token's scopes: %s", outside).isEqualTo(403);
            assertThat(upstream.received()).noneMatch(request -> request.path().startsWith("/items/7"));

            // 5. Revocation: the token itself is still unexpired, yet the gateway refuses it within a second.
            console.delete("/api/v1/applications/" + applicationId + "/oauth-client", 204);
            long revoked = System.nanoTime();
            Map<String, Long> refusal = Propagation.measure(List.of(gateway), revoked,
                    url -> GatewayCall.bearer("GET", url, "/inventory/items", token), call -> call.status() == 401, Duration.ofSeconds(10));
            System.out.printf("e2e keycloak: revoked client's token refused after %s ms%n", refusal);
            assertThat(refusal.values()).allSatisfy(millis -> assertThat(millis).isBetween(0L, REVOCATION_BOUND_MS));
            assertThat(GatewayCall.bearer("GET", gateway.url(), "/inventory/items", token).body()).contains("JWT_REVOKED");
            assertThat(KeycloakRest.clientCredentials(client.path("tokenUrl").asText(), applicationId,
                    client.path("clientSecret").asText()).statusCode()).as("no new token either").isEqualTo(401);

            // 6. Keycloak goes away: the gateway keeps validating from its cached JWKS, single sign-on says it is
            //    unavailable and the built-in log-in still works. (Only with a server this run may stop.)
            String second = console.subscribedApplication(developerId, planId, "Mobile");
            JsonNode secondClient = console.post("/api/v1/applications/" + second + "/oauth-client", object(Map.of()), 201);
            String secondToken = ConsoleApi.JSON.readTree(KeycloakRest.clientCredentials(secondClient.path("tokenUrl").asText(), second,
                    secondClient.path("clientSecret").asText()).body()).path("access_token").asText();
            await("the second application's calls").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> GatewayCall.bearer("GET", gateway.url(), "/inventory/items", secondToken).status() == 200);
            if (keycloak.ours()) {
                keycloak.stop();
                assertThat(GatewayCall.bearer("GET", gateway.url(), "/inventory/items", secondToken).status())
                        .as("validated from the cached JWKS while Keycloak is down").isEqualTo(200);
                ConsoleApi.Answer sso = ConsoleApi.anonymous(platform.controlPlaneUrl()).send("POST", "/api/v1/identity/oidc/authorizations",
                        object(Map.of("tenantSlug", slug)), null, 503);
                assertThat(sso.body().path("key").asText()).isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
                ConsoleApi.anonymous(platform.controlPlaneUrl()).send("POST", "/api/v1/sessions", object(Map.of("email",
                        "owner+" + unique + "@example.com", "password", "kc-" + unique + "-Correct-Horse-7", "tenantSlug", slug)), null, 200);
            }

            // Nothing secret in the logs: the client secret, the Keycloak admin password, the platform's own.
            String log = Files.readString(platform.controlPlane().log());
            assertThat(log).doesNotContain(client.path("clientSecret").asText()).doesNotContain(keycloak.adminPassword())
                    .doesNotContain(token);
        }
    }
}
