package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.Api;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/** Identity's resources: a member (userId) and a pending invitation (invitationId). */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class IdentitySeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        Api api = tenant.api();
        Api.Reply invited = api.post("/api/v1/invitations", Map.of("email", Api.unique("member") + "@example.test", "role", "viewer"),
                tenant.owner().token());
        Api.Reply joined = api.post("/api/v1/invitations/accept", Map.of("token", invited.body().path("token").asText(),
                "password", Api.PASSWORD, "displayName", "Member"), null);
        Api.Reply pending = api.post("/api/v1/invitations", Map.of("email", Api.unique("pending") + "@example.test", "role", "viewer"),
                tenant.owner().token());
        return Map.of(
                "userId", joined.body().path("user").path("id").asText(),
                "invitationId", pending.body().path("id").asText());
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of(
                "PATCH /api/v1/members/{userId}", "{\"role\": \"publisher\"}",
                "PUT /api/v1/identity-settings", "{\"passwordLogin\": true, \"oidcLogin\": false}",
                "POST /api/v1/invitations", "{\"email\": \"someone@example.test\", \"role\": \"viewer\"}");
    }
}
