package dev.bulwark.controlplane.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.controlplane.Api;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.controlplane.api.CatalogTestSupport;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.snapshot.SnapshotCompiler;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Applications become confidential clients of the tenant's realm and get tokens with client credentials from the real Keycloak. */
@MicronautTest(transactional = false)
class ApplicationClientsTest extends KeycloakTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    RealmProvisioning provisioning;
    @Inject
    SnapshotCompiler compiler;
    Api api;
    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    @Test
    void anApplicationGetsAClientWhoseTokensCarryItsIdAndItsPlansScopesThenRotatesAndIsRevoked() throws Exception {
        Api.Session owner = api.signUp(Api.unique("oauth"));
        await().atMost(Duration.ofMinutes(3)).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        String applicationId = subscribedApplication(owner, List.of("listPets")).applicationId();

        Api.Reply created = api.post("/api/v1/applications/" + applicationId + "/oauth-client", Map.of(), owner.token());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.body().path("clientSecret").asText();
        String tokenUrl = created.body().path("tokenUrl").asText();
        assertThat(created.body().path("clientId").asText()).isEqualTo(applicationId);
        assertThat(secret).hasSizeGreaterThan(20);
        assertThat(tokenUrl).isEqualTo(server.url() + "/realms/" + realmPrefix + owner.tenantId() + "/protocol/openid-connect/token");
        assertThat(created.body().path("scopes").toString()).isEqualTo("[\"pets:read\"]");

        Api.Reply shown = api.get("/api/v1/applications/" + applicationId + "/oauth-client", owner.token());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().path("clientSecret").isNull()).as("the secret is shown once").isTrue();
        assertThat(api.post("/api/v1/applications/" + applicationId + "/oauth-client", Map.of(), owner.token()).status()).isEqualTo(409);

        HttpResponse<String> token = clientCredentials(tokenUrl, applicationId, secret);
        assertThat(token.statusCode()).isEqualTo(200);
        var claims = SignedJWT.parse(JSON.readTree(token.body()).path("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("azp")).as("the gateway maps azp to the application").isEqualTo(applicationId);
        assertThat(claims.getStringClaim("scope").split(" ")).contains("pets:read").doesNotContain("pets:write");
        assertThat(claims.getAudience()).contains(KeycloakAdmin.API_AUDIENCE);

        // No overlap asked for: the old secret stops at once.
        Api.Reply rotated = api.post("/api/v1/applications/" + applicationId + "/oauth-client/secret", Map.of("overlapSeconds", 0), owner.token());
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.body().path("clientSecret").asText();
        String newClientId = rotated.body().path("clientId").asText();
        assertThat(newClientId).isEqualTo(applicationId + "-1");
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(rotated.body().path("retiringClients").size()).isZero();
        assertThat(clientCredentials(tokenUrl, applicationId, secret).statusCode()).as("old secret").isEqualTo(401);
        assertThat(clientCredentials(tokenUrl, newClientId, newSecret).statusCode()).isEqualTo(200);

        // Another tenant's owner cannot see, rotate or revoke it.
        Api.Session stranger = api.signUp(Api.unique("stranger"));
        assertThat(api.get("/api/v1/applications/" + applicationId + "/oauth-client", stranger.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/applications/" + applicationId + "/oauth-client/secret", Map.of(), stranger.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/applications/" + applicationId + "/oauth-client", stranger.token()).status()).isEqualTo(404);
        assertThat(clientCredentials(tokenUrl, newClientId, newSecret).statusCode()).isEqualTo(200);

        assertThat(api.delete("/api/v1/applications/" + applicationId + "/oauth-client", owner.token()).status()).isEqualTo(204);
        assertThat(clientCredentials(tokenUrl, newClientId, newSecret).statusCode()).as("revoked").isEqualTo(401);
        assertThat(api.get("/api/v1/applications/" + applicationId + "/oauth-client", owner.token()).status()).isEqualTo(404);
    }

    @Test
    void duringARotationsOverlapBothSecretsWorkForTheSameApplicationThenOnlyTheNewOne() throws Exception {
        Api.Session owner = api.signUp(Api.unique("oauth-overlap"));
        await().atMost(Duration.ofMinutes(3)).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        String applicationId = subscribedApplication(owner, List.of("listPets")).applicationId();
        Api.Reply created = api.post("/api/v1/applications/" + applicationId + "/oauth-client", Map.of(), owner.token());
        String oldSecret = created.body().path("clientSecret").asText();
        String tokenUrl = created.body().path("tokenUrl").asText();

        Api.Reply tooLong = api.post("/api/v1/applications/" + applicationId + "/oauth-client/secret",
                Map.of("overlapSeconds", 7 * 86_400 + 1), owner.token());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().toString()).contains("overlapSeconds").doesNotContain("Exception");
        assertThat(api.post("/api/v1/applications/" + applicationId + "/oauth-client/secret", Map.of("overlapSeconds", -1),
                owner.token()).status()).isEqualTo(400);

        Api.Reply rotated = api.post("/api/v1/applications/" + applicationId + "/oauth-client/secret",
                Map.of("overlapSeconds", 15), owner.token());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.header("Cache-Control")).isEqualTo("no-store");
        String newClientId = rotated.body().path("clientId").asText();
        String newSecret = rotated.body().path("clientSecret").asText();
        assertThat(newClientId).isEqualTo(applicationId + "-1");
        assertThat(rotated.body().path("retiringClients").get(0).path("clientId").asText()).isEqualTo(applicationId);

        // During the overlap both secrets get tokens, and the gateway's snapshot maps both client ids to the application.
        HttpResponse<String> oldToken = clientCredentials(tokenUrl, applicationId, oldSecret);
        HttpResponse<String> newToken = clientCredentials(tokenUrl, newClientId, newSecret);
        assertThat(oldToken.statusCode()).as("previous secret during the overlap").isEqualTo(200);
        assertThat(newToken.statusCode()).as("new secret").isEqualTo(200);
        assertThat(azp(newToken)).isEqualTo(newClientId);
        assertThat(tokenScopes(tokenUrl, newClientId, newSecret)).as("the new client has the plan's scopes").containsExactly("pets:read");
        assertThat(application(applicationId).clientIds()).containsExactly(newClientId);
        Api.Reply shown = api.get("/api/v1/applications/" + applicationId + "/oauth-client", owner.token());
        assertThat(shown.body().path("clientId").asText()).isEqualTo(newClientId);
        assertThat(shown.body().path("clientSecret").isNull()).isTrue();
        assertThat(shown.body().path("retiringClients").size()).isEqualTo(1);

        // The overlap ends: the worker deletes the previous client; the new secret keeps working.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(clientCredentials(tokenUrl, applicationId, oldSecret).statusCode()).as("previous secret after the overlap").isEqualTo(401));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/applications/" + applicationId + "/oauth-client", owner.token()).body().path("retiringClients").size()).isZero());
        assertThat(clientCredentials(tokenUrl, newClientId, newSecret).statusCode()).isEqualTo(200);
        assertThat(application(applicationId).clientIds()).containsExactly(newClientId);

        // A second rotation while one is overlapping, then revocation: every secret stops at once.
        Api.Reply again = api.post("/api/v1/applications/" + applicationId + "/oauth-client/secret", Map.of(), owner.token());
        assertThat(again.body().path("clientId").asText()).isEqualTo(applicationId + "-2");
        assertThat(application(applicationId).clientIds()).containsExactly(newClientId, applicationId + "-2");
        assertThat(clientCredentials(tokenUrl, newClientId, newSecret).statusCode()).as("default overlap: 24 h").isEqualTo(200);
        assertThat(api.delete("/api/v1/applications/" + applicationId + "/oauth-client", owner.token()).status()).isEqualTo(204);
        assertThat(clientCredentials(tokenUrl, newClientId, newSecret).statusCode()).isEqualTo(401);
        assertThat(clientCredentials(tokenUrl, applicationId + "-2", again.body().path("clientSecret").asText()).statusCode()).isEqualTo(401);
        assertThat(application(applicationId).clientIds()).isEmpty();
    }

    private ApplicationEntry application(String applicationId) {
        // The pet store API is routed in whichever environment the catalogue gives it: look in both.
        return java.util.stream.Stream.of(Environment.PRODUCTION, Environment.STAGING)
                .flatMap(environment -> compiler.compileContent(environment).applications().stream())
                .filter(a -> a.applicationId().equals(applicationId)).findFirst().orElseThrow();
    }

    private static String azp(HttpResponse<String> token) throws Exception {
        return SignedJWT.parse(JSON.readTree(token.body()).path("access_token").asText()).getJWTClaimsSet().getStringClaim("azp");
    }

    @Test
    void theClientsScopesFollowLaterPlanChanges() throws Exception {
        Api.Session owner = api.signUp(Api.unique("oauth-plan"));
        await().atMost(Duration.ofMinutes(3)).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        Subscribed subscribed = subscribedApplication(owner, List.of("listPets"));
        String applicationId = subscribed.applicationId();
        Api.Reply created = api.post("/api/v1/applications/" + applicationId + "/oauth-client", Map.of(), owner.token());
        assertThat(created.status()).isEqualTo(201);
        String secret = created.body().path("clientSecret").asText();
        String tokenUrl = created.body().path("tokenUrl").asText();
        assertThat(tokenScopes(tokenUrl, applicationId, secret)).containsExactly("pets:read");

        // The plan grows: tokens issued afterwards carry the new operation's scope, with the same secret.
        assertThat(api.patch("/api/v1/plans/" + subscribed.planId(), Map.of("allowedOperations", List.of("listPets", "createPet")),
                owner.token(), "W/\"0\"").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tokenScopes(tokenUrl, applicationId, secret)).containsExactlyInAnyOrder("pets:read", "pets:write"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/applications/" + applicationId + "/oauth-client", owner.token()).body().path("scopes").toString())
                .isEqualTo("[\"pets:read\",\"pets:write\"]"));

        // It shrinks again: the scope leaves the tokens.
        assertThat(api.patch("/api/v1/plans/" + subscribed.planId(), Map.of("allowedOperations", List.of("deletePet")),
                owner.token(), "W/\"1\"").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tokenScopes(tokenUrl, applicationId, secret)).doesNotContain("pets:read", "pets:write"));
    }

    private List<String> tokenScopes(String tokenUrl, String clientId, String secret) throws Exception {
        HttpResponse<String> token = clientCredentials(tokenUrl, clientId, secret);
        assertThat(token.statusCode()).isEqualTo(200);
        String scope = SignedJWT.parse(JSON.readTree(token.body()).path("access_token").asText()).getJWTClaimsSet().getStringClaim("scope");
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.split(" "));
    }

    private HttpResponse<String> clientCredentials(String tokenUrl, String clientId, String secret) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RealmEndpoints.form(Map.of(
                        "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An API from the pet store document (operations need pets:read / pets:write), a plan allowing {@code operations}, an application subscribed to it. */
    private Subscribed subscribedApplication(Api.Session owner, List<String> operations) {
        String token = owner.token();
        String apiId = ok(api.post("/api/v1/apis", Map.of("name", "Pets", "openapi", CatalogTestSupport.document("petstore-3.0.json"),
                "basePath", "/pets-" + java.util.UUID.randomUUID().toString().substring(0, 8), "upstreamUrls", List.of("https://203.0.113.60")),
                token)).body().path("id").asText();
        ok(api.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + apiId + "/policies",
                Map.of("policies", List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("If-Match", "W/\"0\""), token)));
        ok(api.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "published"), token));
        String planId = ok(api.post("/api/v1/apis/" + apiId + "/plans", Map.of("name", "Readers", "allowedOperations", operations), token))
                .body().path("id").asText();
        String developerId = ok(api.post("/api/v1/developers", Map.of("email", Api.unique("dev") + "@example.test", "name", "Dev"), token))
                .body().path("id").asText();
        String applicationId = ok(api.post("/api/v1/applications", Map.of("name", "Shop", "developerId", developerId), token))
                .body().path("id").asText();
        JsonNode subscription = ok(api.post("/api/v1/applications/" + applicationId + "/subscriptions", Map.of("planId", planId), token)).body();
        assertThat(subscription.path("status").asText()).isEqualTo("active");
        return new Subscribed(applicationId, planId);
    }

    private record Subscribed(String applicationId, String planId) {
    }

    private static Api.Reply ok(Api.Reply reply) {
        if (reply.status() >= 300) {
            throw new AssertionError("seeding failed: " + reply.status() + " " + reply.body());
        }
        return reply;
    }
}
