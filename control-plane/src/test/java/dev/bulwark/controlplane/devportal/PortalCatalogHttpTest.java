package dev.bulwark.controlplane.devportal;

import static dev.bulwark.controlplane.devportal.PortalFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.CatalogTestSupport;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public catalog over HTTP: what a visitor of a tenant's portal can see without signing up. */
@MicronautTest(transactional = false)
class PortalCatalogHttpTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    dev.bulwark.controlplane.dataplane.DataPlaneRegistry dataPlanes;
    @Inject
    dev.bulwark.controlplane.dataplane.DataPlaneCredentials credentials;

    Api api;
    PortalFixture fixture;
    PortalFixture.Tenant tenant;
    PortalFixture.Tenant other;

    @BeforeAll
    void setUp() {
        api = new Api(client);
        fixture = new PortalFixture(api);
        tenant = fixture.tenant();
        other = fixture.tenant();
    }

    @Test
    void homeNamesTheTenantAndUnknownSlugsAreOneAnswerEverywhere() {
        Api.Reply home = api.get(tenant.base(), null);
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body().path("tenant").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(home.body().path("tenant").path("name").asText()).isEqualTo("Tenant " + tenant.slug());
        assertThat(home.body().path("tenant").has("id")).isFalse();

        String missing = "/api/devportal/v1/tenants/no-such-tenant-" + Api.unique("x");
        for (Api.Reply reply : List.of(api.get(missing, null), api.get(missing + "/apis", null),
                api.get(missing + "/apis/" + tenant.apiId(), null), api.get(missing + "/me", null),
                api.get(missing + "/applications", null),
                api.post(missing + "/sessions", Map.of("email", "a@example.test", "password", "x"), null),
                api.post(missing + "/signup", Map.of("email", "a@example.test", "name", "A", "password", Api.PASSWORD), null))) {
            assertThat(reply.status()).as(reply.raw().toString()).isEqualTo(404);
            assertThat(reply.key()).isEqualTo("TENANT_NOT_FOUND");
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void catalogListsPublishedApisOnlyWithServingEnvironments() {
        Api.Reply list = api.get(tenant.base() + "/apis", null);

        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(tenant.apiId(), tenant.otherApiId());
        assertThat(list.body().has("nextCursor")).isTrue();
        assertThat(list.body().path("nextCursor").isNull()).isTrue();
        JsonNode pets = find(list.body().path("items"), tenant.apiId());
        assertThat(pets.path("name").asText()).isEqualTo("Pets");
        assertThat(pets.path("lifecycle").asText()).isEqualTo("published");
        assertThat(pets.path("basePath").asText()).startsWith("/pets-");
        assertThat(pets.path("environments")).extracting(JsonNode::asText).containsExactly("staging");
        assertThat(pets.has("openapi")).isFalse();
        assertThat(pets.has("policies")).isFalse();
    }

    @Test
    void apiPageHasOperationsAndPublicPlans() {
        Api.Reply detail = api.get(tenant.base() + "/apis/" + tenant.apiId(), null);

        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body().path("name").asText()).isEqualTo("Pets");
        List<String> operations = new ArrayList<>();
        detail.body().path("operations").forEach(o -> operations.add(o.path("method").asText() + " " + o.path("operationId").asText()));
        assertThat(operations).contains("GET listPets", "POST createPet", "DELETE deletePet");
        JsonNode listPets = detail.body().path("operations").findParents("operationId").stream()
                .filter(o -> o.path("operationId").asText().equals("listPets")).findFirst().orElseThrow();
        assertThat(listPets.path("requiredScopes")).extracting(JsonNode::asText).containsExactly("pets:read");
        assertThat(listPets.path("pathTemplate").asText()).isEqualTo("/pets");
        JsonNode plan = detail.body().path("plans").get(0);
        assertThat(detail.body().path("plans")).hasSize(1);
        assertThat(plan.path("id").asText()).isEqualTo(tenant.freePlanId());
        assertThat(plan.path("apiId").asText()).isEqualTo(tenant.apiId());
        assertThat(plan.path("approval").asText()).isEqualTo("auto");
        assertThat(plan.path("rateLimit").path("limit").asLong()).isEqualTo(100);
        assertThat(plan.path("rateLimit").path("periodSeconds").asInt()).isEqualTo(60);
        assertThat(plan.path("rateLimit").path("windowSeconds").asInt()).isEqualTo(60);
        assertThat(plan.path("quota").path("limit").asLong()).isEqualTo(1000);
        assertThat(plan.path("quota").path("period").asText()).isEqualTo("day");
        assertThat(plan.has("policies")).isFalse();

        JsonNode gold = api.get(tenant.base() + "/apis/" + tenant.otherApiId(), null).body().path("plans").get(0);
        assertThat(gold.path("approval").asText()).isEqualTo("manual");
        assertThat(gold.path("rateLimit").isNull()).isTrue();
        assertThat(gold.path("quota").isNull()).isTrue();
    }

    @Test
    void apiPageSaysHowToCallThroughTheGatewayNotWhatTheDocumentDeclares() {
        PortalFixture.Tenant own = fixture.tenant();
        // The document declares "API key in header api_key"; the gateway reads the policy's location.
        String apiId = fixture.publishedApi(own.owner(), "Gated");
        ok(api.send(Api.auth(io.micronaut.http.HttpRequest.PUT("/api/v1/apis/" + apiId + "/policies",
                Map.of("policies", List.of(Map.of("type", "api-key", "in", "query", "name", "key"),
                        Map.of("type", "rate-limit", "limit", 5, "periodSeconds", 60)))).contentType("application/json")
                .header("If-Match", api.get("/api/v1/apis/" + apiId, own.owner().token()).header("ETag")), own.owner().token())));
        String url = "http://gw-" + Api.unique("x") + ".example.test:18443";
        var credential = credentials.issue("staging", "portal-test", "test");
        dataPlanes.connected(Api.unique("gw"), "staging", credential.id(), "test", 0, null, url + "/");

        JsonNode access = api.get(own.base() + "/apis/" + apiId, null).body().path("access");
        String basePath = api.get(own.base() + "/apis/" + apiId, null).body().path("basePath").asText();
        assertThat(access.path("endpoints")).hasSize(1);
        assertThat(access.path("endpoints").get(0).path("environment").asText()).isEqualTo("staging");
        assertThat(access.path("endpoints").get(0).path("baseUrl").asText())
                .isEqualTo(dataPlanes.publicUrls().get("staging").replaceAll("/+$", "") + basePath).startsWith("http://");
        assertThat(access.path("endpoints").get(0).path("keyPrefix").asText()).isEqualTo("bwk_test_");
        assertThat(access.path("credential").path("type").asText()).isEqualTo("api-key");
        assertThat(access.path("credential").path("in").asText()).isEqualTo("query");
        assertThat(access.path("credential").path("name").asText()).isEqualTo("key");
        assertThat(access.path("rateLimit").path("limit").asLong()).isEqualTo(5);
        assertThat(access.path("rateLimit").path("periodSeconds").asInt()).isEqualTo(60);
        assertThat(access.path("quota").isNull()).isTrue();

        JsonNode fixtureAccess = api.get(tenant.base() + "/apis/" + tenant.apiId(), null).body().path("access");
        assertThat(fixtureAccess.path("credential").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(fixtureAccess.path("credential").path("in").asText()).isEqualTo("header");
        assertThat(fixtureAccess.path("rateLimit").isNull()).isTrue();
    }

    @Test
    void scopesTheGatewayIgnoresAreNotListedAsRequired() {
        PortalFixture.Tenant own = fixture.tenant();
        String apiId = fixture.publishedApi(own.owner(), "Ignoring");
        ok(api.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "deprecated"), own.owner().token()));
        Api.Reply republished = api.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "published", "enforceDocumentScopes", false),
                own.owner().token());
        assertThat(republished.body().path("enforceDocumentScopes").asBoolean(true)).isFalse();
        JsonNode operations = api.get(own.base() + "/apis/" + apiId, null).body().path("operations");
        assertThat(operations).isNotEmpty().allSatisfy(o -> assertThat(o.path("requiredScopes")).isEmpty());
        // The fixture's API never chose: enforced, its scopes listed.
        assertThat(api.get(tenant.base() + "/apis/" + tenant.apiId(), null).body().path("operations").toString()).contains("pets:read");
    }

    @Test
    void descriptionAndSummariesComeFromTheDocumentAndFollowItsChanges() {
        PortalFixture.Tenant own = fixture.tenant();
        String yaml = """
                openapi: 3.0.3
                info: {title: Weather, version: "1", description: Forecasts for everywhere}
                security: [{key: []}]
                components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Api-Key}}}
                paths:
                  /forecast:
                    get: {operationId: forecast, summary: Tomorrow's weather, responses: {"200": {description: ok}}}
                    post: {responses: {"201": {description: ok}}}
                """;
        String apiId = fixture.publishedApi(own.owner(), "Weather", yaml);

        Api.Reply detail = api.get(own.base() + "/apis/" + apiId, null);
        assertThat(detail.body().path("description").asText()).isEqualTo("Forecasts for everywhere");
        Map<String, JsonNode> operations = new java.util.HashMap<>();
        detail.body().path("operations").forEach(o -> operations.put(o.path("operationId").asText(), o));
        assertThat(operations).containsOnlyKeys("forecast", "POST /forecast");
        assertThat(operations.get("forecast").path("summary").asText()).isEqualTo("Tomorrow's weather");
        assertThat(operations.get("POST /forecast").path("summary").isNull()).isTrue();
        assertThat(find(api.get(own.base() + "/apis", null).body().path("items"), apiId).path("description").asText())
                .isEqualTo("Forecasts for everywhere");
        Api.Reply document = api.get(own.base() + "/apis/" + apiId + "/openapi", null);
        assertThat(document.body().path("format").asText()).isEqualTo("yaml");

        String etag = api.get("/api/v1/apis/" + apiId, own.owner().token()).header("ETag");
        PortalFixture.ok(api.patch("/api/v1/apis/" + apiId, Map.of("openapi", yaml.replace("Forecasts for everywhere", "Rain mostly")),
                own.owner().token(), etag));
        assertThat(api.get(own.base() + "/apis/" + apiId, null).body().path("description").asText()).isEqualTo("Rain mostly");
    }

    @Test
    void openApiDocumentIsServedAsStored() {
        Api.Reply document = api.get(tenant.base() + "/apis/" + tenant.apiId() + "/openapi", null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().path("document").asText()).isEqualTo(CatalogTestSupport.document("petstore-3.0.json"));
        assertThat(document.body().path("format").asText()).isEqualTo("json");
        assertThat(document.body().path("sha256").asText()).isEqualTo(PortalCatalog.sha256(CatalogTestSupport.document("petstore-3.0.json")));
    }

    @Test
    void draftsRetiredAndOtherTenantsApisDoNotExistHere() {
        for (String path : List.of("/apis/" + tenant.draftApiId(), "/apis/" + tenant.draftApiId() + "/openapi",
                "/apis/" + other.apiId(), "/apis/" + other.apiId() + "/openapi", "/apis/not-a-uuid")) {
            Api.Reply reply = api.get(tenant.base() + path, null);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.key()).as(path).isEqualTo("API_NOT_FOUND");
        }
        PortalFixture.Tenant changing = fixture.tenant();
        String lifecycle = "/api/v1/apis/" + changing.otherApiId() + "/lifecycle";
        PortalFixture.ok(api.post(lifecycle, Map.of("state", "deprecated"), changing.owner().token()));
        assertThat(api.get(changing.base() + "/apis/" + changing.otherApiId(), null).body().path("lifecycle").asText()).isEqualTo("deprecated");
        PortalFixture.ok(api.post(lifecycle, Map.of("state", "retired"), changing.owner().token()));
        assertThat(api.get(changing.base() + "/apis/" + changing.otherApiId(), null).key()).isEqualTo("API_NOT_FOUND");
        assertThat(api.get(changing.base() + "/apis", null).body().path("items")).hasSize(1);
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id);
    }
}
