package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog over HTTP with real sign-up and bearer tokens: contract shapes, errors, ETags, isolation. */
// These tenants publish more APIs than the Free plan's five: they sign up on a plan without that limit.
@Property(name = "bulwark.billing.signup-plan", value = "business")
@MicronautTest(transactional = false)
class CatalogHttpTest extends RealDatabaseTest {
    @Inject @Client("/") HttpClient client;
    @Inject ApiKeyService keys;
    Api http;
    Api.Session owner;
    Api.Session stranger;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // The build machine is shared and often saturated; a slow answer is not what these tests check.
        properties.put("micronaut.http.client.read-timeout", "60s");
        return properties;
    }

    @BeforeAll
    void signUp() {
        http = new Api(client);
        owner = http.signUp(Api.unique("catalog"));
        stranger = http.signUp(Api.unique("other"));
    }

    @Test
    void importsPatchesAndPublishesAnApiWithETags() {
        Reply created = createApi("/orders", document("orders-3.1.yaml"), List.of("https://203.0.113.40"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("W/\"0\"");
        assertThat(created.header("X-Request-Id")).isNotBlank();
        String id = created.body().path("id").asText();
        assertThat(created.body().path("lifecycle").asText()).isEqualTo("draft");

        Reply operations = http.get("/api/v1/apis/" + id + "/operations?limit=2", owner.token());
        assertThat(operations.body().path("items")).hasSize(2);
        assertThat(operations.body().path("nextCursor").isTextual()).isTrue();

        Map<String, Object> rename = Map.of("name", "Orders v2");
        assertThat(http.patch("/api/v1/apis/" + id, rename, owner.token(), null).status()).isEqualTo(428);
        assertThat(http.patch("/api/v1/apis/" + id, rename, owner.token(), "W/\"5\"").key()).isEqualTo("PRECONDITION_FAILED");
        Reply patched = http.patch("/api/v1/apis/" + id, rename, owner.token(), "W/\"0\"");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("W/\"1\"");

        Reply noAuth = post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"));
        assertThat(noAuth.status()).isEqualTo(409);
        assertThat(noAuth.key()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(noAuth.contentType()).startsWith("application/problem+json");

        Reply policies = put("/api/v1/apis/" + id + "/policies", "W/\"1\"",
                Map.of("policies", List.of(Map.of("type", "jwt", "issuer", "https://id.example.com",
                        "jwksUrl", "https://id.example.com/jwks.json", "audiences", List.of("orders"), "algorithms", List.of("ES256")))));
        assertThat(policies.status()).isEqualTo(200);
        assertThat(policies.body().path("policies").get(0).path("type").asText()).isEqualTo("jwt");
        Reply published = post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"));
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().path("lifecycle").asText()).isEqualTo("published");
        Reply audit = http.get("/api/v1/apis/" + id + "/audit", owner.token());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().path("score").asInt(-1)).isBetween(0, 100);

        assertThat(post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published")).key())
                .isEqualTo("INVALID_LIFECYCLE_TRANSITION");
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        Reply ssrf = createApi("/ssrf", document("petstore-3.0.json"), List.of("http://169.254.169.254/latest"));
        assertThat(ssrf.status()).isEqualTo(400);
        assertThat(errorPaths(ssrf)).containsExactly("upstreamUrls[0]");

        Reply invalid = createApi("/invalid", document("invalid-3.0.yaml"), List.of());
        assertThat(invalid.key()).isEqualTo("OPENAPI_INVALID");
        assertThat(errorPaths(invalid)).isNotEmpty().allSatisfy(path -> assertThat(path).startsWith("openapi"));

        Reply external = createApi("/external", document("external-ref.yaml"), List.of());
        assertThat(external.key()).isEqualTo("OPENAPI_EXTERNAL_REF");

        Map<String, Object> unknown = new HashMap<>(apiBody("/unknown", document("petstore-3.0.json"), List.of()));
        unknown.put("upstream", "https://203.0.113.1");
        Reply unknownField = post("/api/v1/apis", unknown);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(errorPaths(unknownField)).containsExactly("upstream");

        String id = createApi("/policies", document("petstore-3.0.json"), List.of()).body().path("id").asText();
        Reply badPolicy = put("/api/v1/apis/" + id + "/policies", "W/\"0\"",
                Map.of("policies", List.of(Map.of("type", "cors", "allowOrigins", List.of("*")),
                        Map.of("type", "api-key", "headerName", "X-Key"))));
        assertThat(badPolicy.status()).isEqualTo(400);
        assertThat(errorPaths(badPolicy)).containsExactly("policies[1].headerName");
        assertThat(badPolicy.body().toString()).doesNotContain("dev.bulwark").doesNotContain("Exception");
    }

    @Test
    void consumersSubscribeAndGetKeysShownOnce() {
        String apiId = createApi("/shop", document("petstore-3.0.json"), List.of("https://203.0.113.50")).body().path("id").asText();
        put("/api/v1/apis/" + apiId + "/policies", "W/\"0\"", Map.of("policies", List.of(Map.of("type", "api-key"))));
        assertThat(post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "published")).status()).isEqualTo(200);
        Reply plan = post("/api/v1/apis/" + apiId + "/plans", Map.of("name", "Gold", "allowedOperations", List.of("listPets"),
                "policies", List.of(Map.of("type", "quota", "limit", 1000, "period", "day")), "approval", "manual"));
        assertThat(plan.status()).as(String.valueOf(plan.body())).isEqualTo(201);
        Reply developer = post("/api/v1/developers", Map.of("email", "dev@shop.example", "name", "Dev"));
        Reply application = post("/api/v1/applications", Map.of("name", "Shop app",
                "developerId", developer.body().path("id").asText()));
        String appId = application.body().path("id").asText();

        Reply subscription = post("/api/v1/applications/" + appId + "/subscriptions", Map.of("planId", plan.body().path("id").asText()));
        assertThat(subscription.status()).isEqualTo(201);
        assertThat(subscription.body().path("status").asText()).isEqualTo("pending");
        Reply pending = http.get("/api/v1/subscriptions?status=pending", owner.token());
        assertThat(pending.body().path("items")).extracting(n -> n.path("id").asText())
                .contains(subscription.body().path("id").asText());
        Reply approved = post("/api/v1/subscriptions/" + subscription.body().path("id").asText() + "/approve", Map.of());
        assertThat(approved.body().path("status").asText()).isEqualTo("active");

        Reply key = post("/api/v1/applications/" + appId + "/keys", Map.of("label", "ci", "scopes", List.of("pets:read"),
                "environment", "production"));
        assertThat(key.status()).isEqualTo(201);
        String secret = key.body().path("key").asText();
        assertThat(secret).startsWith("bwk_live_");
        assertThat(key.header("Cache-Control")).isEqualTo("no-store");
        assertThat(keys.verify(secret)).isPresent();

        Reply listed = http.get("/api/v1/applications/" + appId + "/keys", owner.token());
        assertThat(listed.body().toString()).doesNotContain(secret).contains(key.body().path("lookupId").asText());
        Reply audit = http.get("/api/v1/audit-events?resourceType=api_key", owner.token());
        if (audit.status() == 200) {
            assertThat(audit.body().toString()).doesNotContain(secret.substring(17));
        }

        String keyId = key.body().path("id").asText();
        Reply rotated = post("/api/v1/keys/" + keyId + "/rotate", Map.of("overlapSeconds", 0));
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(keys.verify(secret)).isEmpty();
        String successor = rotated.body().path("key").asText();
        assertThat(keys.verify(successor)).isPresent();
        assertThat(http.delete("/api/v1/keys/" + rotated.body().path("id").asText(), owner.token()).status()).isEqualTo(204);
        assertThat(keys.verify(successor)).isEmpty();
    }

    @Test
    void subscriptionsAreFilteredByApplicationOnTheServerWithinTheTenant() {
        String apiId = createApi("/subs", document("petstore-3.0.json"), List.of("https://203.0.113.51")).body().path("id").asText();
        put("/api/v1/apis/" + apiId + "/policies", "W/\"0\"", Map.of("policies", List.of(Map.of("type", "api-key"))));
        post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "published"));
        String planId = post("/api/v1/apis/" + apiId + "/plans", Map.of("name", "Free", "approval", "auto")).body().path("id").asText();
        String developerId = post("/api/v1/developers", Map.of("email", Api.unique("d") + "@subs.example", "name", "Dev")).body().path("id").asText();
        String mine = post("/api/v1/applications", Map.of("name", "Mine", "developerId", developerId)).body().path("id").asText();
        String other = post("/api/v1/applications", Map.of("name", "Other", "developerId", developerId)).body().path("id").asText();
        String subscription = post("/api/v1/applications/" + mine + "/subscriptions", Map.of("planId", planId)).body().path("id").asText();
        post("/api/v1/applications/" + other + "/subscriptions", Map.of("planId", planId));

        Reply listed = http.get("/api/v1/subscriptions?applicationId=" + mine + "&status=active", owner.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("items")).extracting(n -> n.path("id").asText()).containsExactly(subscription);
        assertThat(http.get("/api/v1/subscriptions?applicationId=" + mine, owner.token()).body().path("items")).hasSize(1);
        // Another tenant naming this application sees nothing of it.
        assertThat(http.get("/api/v1/subscriptions?applicationId=" + mine, stranger.token()).body().path("items")).isEmpty();
        Reply bad = http.get("/api/v1/subscriptions?applicationId=not-a-uuid", owner.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(errorPaths(bad)).containsExactly("applicationId");
    }

    @Test
    void anotherTenantGetsNotFoundAndNothingListed() {
        String apiId = createApi("/private", document("petstore-3.0.json"), List.of()).body().path("id").asText();

        assertThat(http.get("/api/v1/apis/" + apiId, stranger.token()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/apis/" + apiId + "/operations", stranger.token()).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/apis/" + apiId, Map.of("name", "x"), stranger.token(), "W/\"0\"").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/apis", stranger.token()).body().path("items").toString()).doesNotContain(apiId);
        assertThat(http.get("/api/v1/apis/" + apiId, null).status()).isEqualTo(401);
    }

    @Test
    void policyTypesAndTenantSettings() {
        Reply types = http.get("/api/v1/policy-types", owner.token());
        assertThat(types.body()).extracting(n -> n.path("type").asText()).contains("api-key", "rate-limit", "jwt");
        Reply schema = http.get("/api/v1/policy-types/rate-limit/schema", owner.token());
        assertThat(schema.body().path("properties").path("type").path("const").asText()).isEqualTo("rate-limit");
        assertThat(http.get("/api/v1/policy-types/nope/schema", owner.token()).status()).isEqualTo(404);

        Reply settings = http.get("/api/v1/tenant-settings", owner.token());
        assertThat(settings.body().path("allowPrivateUpstreams").asBoolean(true)).isFalse();
        assertThat(settings.body().path("privateUpstreamCidrs").isArray()).isTrue();
        // Private networks are the platform operator's decision (issue 21 item 3): the owner cannot open them.
        Reply changed = http.patch("/api/v1/tenant-settings", Map.of("allowPrivateUpstreams", true), owner.token(),
                settings.header("ETag"));
        assertThat(changed.status()).isEqualTo(403);
        assertThat(changed.key()).isEqualTo("OPERATOR_SETTING");
        assertThat(changed.body().path("errors").get(0).path("path").asText()).isEqualTo("allowPrivateUpstreams");
        assertThat(http.get("/api/v1/tenant-settings", owner.token()).body().path("allowPrivateUpstreams").asBoolean(true)).isFalse();
    }

    @Test
    void aLiveRouteBelongsToOneTenantOnTheSharedGateways() {
        String route = "/shared-" + Api.unique("r");
        String mine = publishWithJwt(owner, route);
        assertThat(http.get("/api/v1/apis/" + mine, owner.token()).body().path("lifecycle").asText()).isEqualTo("published");

        Reply theirs = http.post("/api/v1/apis", apiBody(route, document("orders-3.1.yaml"), List.of("https://203.0.113.41")),
                stranger.token());
        assertThat(theirs.status()).as("a draft may share the path").isEqualTo(201);
        String theirId = theirs.body().path("id").asText();
        Reply policies = http.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + theirId + "/policies", Map.of("policies",
                List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE), stranger.token())
                .header("If-Match", "W/\"0\""));
        assertThat(policies.status()).isEqualTo(200);

        Reply publish = http.post("/api/v1/apis/" + theirId + "/lifecycle", Map.of("state", "published"), stranger.token());
        assertThat(publish.status()).isEqualTo(409);
        assertThat(publish.key()).isEqualTo("ROUTE_TAKEN");
        assertThat(errorPaths(publish)).containsExactly("basePath");
        assertThat(http.get("/api/v1/apis/" + theirId, stranger.token()).body().path("lifecycle").asText())
                .as("nothing half-written").isEqualTo("draft");
    }

    private String publishWithJwt(Api.Session session, String basePath) {
        Reply created = http.post("/api/v1/apis", apiBody(basePath, document("orders-3.1.yaml"), List.of("https://203.0.113.40")),
                session.token());
        String id = created.body().path("id").asText();
        Reply policies = http.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + id + "/policies", Map.of("policies",
                List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE), session.token())
                .header("If-Match", "W/\"0\""));
        assertThat(policies.status()).isEqualTo(200);
        assertThat(http.post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"), session.token()).status())
                .isEqualTo(200);
        return id;
    }

    private Reply createApi(String basePath, String openapi, List<String> upstreams) {
        return post("/api/v1/apis", apiBody(basePath, openapi, upstreams));
    }

    private static Map<String, Object> apiBody(String basePath, String openapi, List<String> upstreams) {
        return Map.of("name", "API " + basePath, "openapi", openapi, "basePath", basePath, "upstreamUrls", upstreams);
    }

    private Reply post(String path, Object body) {
        return http.post(path, body, owner.token());
    }

    private Reply put(String path, String ifMatch, Object body) {
        MutableHttpRequest<?> request = Api.auth(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), owner.token());
        request.header("If-Match", ifMatch);
        return http.send(request);
    }

    private static List<String> errorPaths(Reply reply) {
        List<String> paths = new java.util.ArrayList<>();
        JsonNode errors = reply.body().path("errors");
        errors.forEach(e -> paths.add(e.path("path").asText()));
        return paths;
    }
}
