package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.api.ApiView;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.identity.Principal;
import dev.bulwark.controlplane.identity.Role;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import dev.bulwark.controlplane.tenant.TenantId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog resources (API, operation, plan, developer, application, subscription, key), created
 * through the catalog's own services as the tenant's owner. (Data-plane credentials: SyncSeeder.)
 */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class CatalogSeeder implements IsolationSeeder {
    private final CatalogScenario scenario;
    private final SubscriptionService subscriptions;
    private final ApiKeyService keys;

    CatalogSeeder(CatalogScenario scenario, SubscriptionService subscriptions, ApiKeyService keys) {
        this.scenario = scenario;
        this.subscriptions = subscriptions;
        this.keys = keys;
    }

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Principal owner = new Principal(tenant.owner().userId(), new TenantId(tenant.owner().tenantId()), Role.OWNER, tenant.owner().email());
        ApiView api = scenario.publishedApi(owner, "/iso-" + UUID.randomUUID().toString().substring(0, 8));
        Plan plan = scenario.plan(owner, api, "Isolation plan", "manual");
        Application application = scenario.application(owner, "Isolation app");
        UUID subscription = subscriptions.subscribe(owner, application.id(), new SubscriptionService.Subscribe(plan.id().toString())).id();
        UUID key = keys.create(owner, application.id(), new ApiKeyService.CreateKey("isolation", List.of(), null, "production")).id();
        return Map.of(
                "apiId", api.id().toString(),
                "operationId", "listPets",
                "planId", plan.id().toString(),
                "developerId", application.developerId().toString(),
                "applicationId", application.id().toString(),
                "subscriptionId", subscription.toString(),
                "keyId", key.toString());
    }

    @Override
    public Map<String, String> sharedValues() {
        return Map.of("environment", "production", "type", "rate-limit");
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of(
                "POST /api/v1/applications", "{\"name\": \"Stolen\", \"developerId\": \"{developerId}\"}",
                "POST /api/v1/applications/{applicationId}/subscriptions", "{\"planId\": \"{planId}\"}",
                "POST /api/v1/applications/{applicationId}/keys", "{\"label\": \"x\", \"scopes\": [], \"environment\": \"production\"}",
                "POST /api/v1/apis/{apiId}/lifecycle", "{\"state\": \"deprecated\"}",
                "PUT /api/v1/apis/{apiId}/environments/{environment}", "{\"upstreamUrls\": [\"https://203.0.113.10\"], \"enabled\": true}",
                "PUT /api/v1/apis/{apiId}/policies", "{\"policies\": []}",
                "PUT /api/v1/apis/{apiId}/operations/{operationId}/policies", "{\"policies\": []}",
                "POST /api/v1/keys/{keyId}/rotate", "{\"overlapSeconds\": 0}");
    }
}
