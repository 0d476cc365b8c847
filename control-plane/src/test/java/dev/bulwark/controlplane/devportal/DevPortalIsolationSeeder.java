package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.isolation.IsolationSeeder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Gives each tenant of {@code TenantIsolationTest} a signed-up developer with a session, an
 * application, a subscription and a key made through the portal, so the console routes' probes also
 * prove they leave another tenant's developer accounts and sessions alone. The portal's own routes
 * live outside {@code /api/v1} and are probed by {@link DevPortalIsolationTest}.
 */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class DevPortalIsolationSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Api api = tenant.api();
        PortalFixture fixture = new PortalFixture(api);
        String slug = PortalFixture.ok(api.get("/api/v1/me", tenant.owner().token())).body().path("tenant").path("slug").asText();
        String apiId = fixture.publishedApi(tenant.owner(), "Portal");
        String planId = PortalFixture.ok(api.post("/api/v1/apis/" + apiId + "/plans", Map.of("name", "Self-service"),
                tenant.owner().token())).body().path("id").asText();
        String base = "/api/devportal/v1/tenants/" + slug;
        String email = Api.unique("portal-dev") + "@example.test";
        PortalFixture.Dev dev = PortalFixture.dev(PortalFixture.ok(api.post(base + "/signup",
                Map.of("email", email, "name", "Portal dev", "password", Api.PASSWORD), null)), email);
        String appId = PortalFixture.ok(api.post(base + "/applications", Map.of("name", "Self-service app"), dev.token()))
                .body().path("id").asText();
        PortalFixture.ok(api.post(base + "/applications/" + appId + "/subscriptions", Map.of("planId", planId), dev.token()));
        PortalFixture.ok(api.post(base + "/applications/" + appId + "/keys", Map.of("label", "k", "environment", "staging"), dev.token()));
        return Map.of();
    }
}
