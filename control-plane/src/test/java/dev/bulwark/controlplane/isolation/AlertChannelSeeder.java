package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.Api;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/** Alert channels (channelId): one Slack channel per tenant, pointing at a documentation address. */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class AlertChannelSeeder implements IsolationSeeder {
    private static final String CHANNEL = "{\"name\": \"isolation\", \"kind\": \"slack\", \"url\": \"https://203.0.113.50/services/isolation\"}";

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Api.Reply created = tenant.api().post("/api/v1/alert-channels",
                Map.of("name", "isolation", "kind", "slack", "url", "https://203.0.113.50/services/isolation"), tenant.owner().token());
        if (created.status() != 201) {
            throw new IllegalStateException("cannot seed an alert channel: " + created.status() + " " + created.body());
        }
        return Map.of("channelId", created.body().path("channel").path("id").asText());
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("POST /api/v1/alert-channels", CHANNEL);
    }
}
