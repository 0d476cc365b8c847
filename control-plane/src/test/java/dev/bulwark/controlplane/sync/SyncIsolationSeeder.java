package dev.bulwark.controlplane.sync;

import dev.bulwark.controlplane.isolation.IsolationSeeder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;

/**
 * Data-plane credentials belong to the platform, not to a tenant: their id is a shared value for
 * the isolation test, and the routes are closed to tenant owners who are not platform administrators.
 */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class SyncIsolationSeeder implements IsolationSeeder {
    @Override
    public Map<String, String> seed(Tenant tenant) {
        return Map.of();
    }

    @Override
    public Map<String, String> sharedValues() {
        return Map.of("credentialId", UUID.randomUUID().toString());
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("POST /api/v1/data-plane-credentials", "{\"environment\":\"production\",\"name\":\"isolation\"}");
    }
}
