package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.Api;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/** Domain claims (domainId): one pending claim per tenant, verified by neither. */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class DomainSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Api.Reply claim = tenant.api().post("/api/v1/domains", Map.of("domain", Api.unique("iso") + ".acme-corp.dev"),
                tenant.owner().token());
        if (claim.status() != 201) {
            throw new IllegalStateException("cannot seed a domain claim: " + claim.status());
        }
        return Map.of("domainId", claim.body().path("id").asText());
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("POST /api/v1/domains", "{\"domain\": \"isolation.acme-corp.dev\"}",
                "POST /api/v1/domains/{domainId}/verify", "{\"method\": \"dns\"}");
    }
}
