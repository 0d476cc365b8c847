package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.isolation.IsolationSeeder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** The catalog's resources for the tenant-isolation test, created over HTTP as the tenant's owner. */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class CatalogIsolationSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Api api = tenant.api();
        String token = tenant.owner().token();
        // Each tenant gets its own base path: a live route is unique across tenants on the shared gateways.
        String apiId = ok(api.post("/api/v1/apis", Map.of("name", "Pets", "openapi", CatalogTestSupport.document("petstore-3.0.json"),
                "basePath", "/pets-" + java.util.UUID.randomUUID().toString().substring(0, 8), "upstreamUrls", List.of("https://203.0.113.60")), token)).body().path("id").asText();
        ok(api.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + apiId + "/policies",
                Map.of("policies", List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("If-Match", "W/\"0\""), token)));
        ok(api.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "published"), token));
        String planId = ok(api.post("/api/v1/apis/" + apiId + "/plans", Map.of("name", "Basic"), token)).body().path("id").asText();
        String developerId = ok(api.post("/api/v1/developers", Map.of("email", Api.unique("dev") + "@example.test", "name", "Dev"),
                token)).body().path("id").asText();
        String applicationId = ok(api.post("/api/v1/applications", Map.of("name", "App", "developerId", developerId), token))
                .body().path("id").asText();
        String subscriptionId = ok(api.post("/api/v1/applications/" + applicationId + "/subscriptions", Map.of("planId", planId), token))
                .body().path("id").asText();
        String keyId = ok(api.post("/api/v1/applications/" + applicationId + "/keys",
                Map.of("label", "k", "environment", "production"), token)).body().path("id").asText();
        return Map.of("apiId", apiId, "planId", planId, "developerId", developerId, "applicationId", applicationId,
                "subscriptionId", subscriptionId, "keyId", keyId,
                // Platform routes name a tenant: only platform administrators may reach any tenant through them.
                "tenantId", tenant.owner().tenantId().toString());
    }

    @Override
    public Map<String, String> sharedValues() {
        return Map.of("environment", "production", "operationId", "listPets", "type", "rate-limit");
    }

    @Override
    public Map<String, String> bodies() {
        return Map.ofEntries(
                Map.entry("PATCH /api/v1/apis/{apiId}", "{\"name\": \"renamed\"}"),
                Map.entry("POST /api/v1/apis/{apiId}/lifecycle", "{\"state\": \"deprecated\"}"),
                Map.entry("PUT /api/v1/apis/{apiId}/environments/{environment}", "{\"upstreamUrls\": [], \"enabled\": false}"),
                Map.entry("PUT /api/v1/apis/{apiId}/policies", "{\"policies\": []}"),
                Map.entry("PUT /api/v1/apis/{apiId}/operations/{operationId}/policies", "{\"policies\": []}"),
                Map.entry("POST /api/v1/apis/{apiId}/plans", "{\"name\": \"Stolen\"}"),
                Map.entry("PATCH /api/v1/plans/{planId}", "{\"name\": \"renamed\"}"),
                Map.entry("POST /api/v1/applications/{applicationId}/subscriptions", "{\"planId\": \"{planId}\"}"),
                Map.entry("POST /api/v1/applications/{applicationId}/keys", "{\"label\": \"k\", \"environment\": \"production\"}"),
                Map.entry("POST /api/v1/keys/{keyId}/rotate", "{\"overlapSeconds\": 0}"),
                Map.entry("PATCH /api/v1/tenant-settings", "{}"),
                Map.entry("PUT /api/v1/platform/tenants/{tenantId}/private-upstreams", "{\"cidrs\": [\"10.0.0.0/8\"]}"));
    }

    private static Api.Reply ok(Api.Reply reply) {
        if (reply.status() >= 300) {
            throw new AssertionError("seeding the catalog failed: " + reply.status() + " " + reply.body());
        }
        return reply;
    }
}
