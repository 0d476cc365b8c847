package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.Api;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/** Automation tokens (tokenId): one viewer token per tenant. */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class AutomationTokenSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Api.Reply created = tenant.api().post("/api/v1/automation-tokens", Map.of("name", "isolation", "role", "viewer"),
                tenant.owner().token());
        if (created.status() != 201) {
            throw new IllegalStateException("cannot seed an automation token: " + created.status());
        }
        return Map.of("tokenId", created.body().path("automationToken").path("id").asText());
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("POST /api/v1/automation-tokens", "{\"name\": \"isolation\", \"role\": \"viewer\"}");
    }
}
