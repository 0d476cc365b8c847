package dev.bulwark.controlplane.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.PlatformOperator;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.PlatformAdmins;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side: credentials for platform administrators only, shown once; the data-plane list for any member. */
@MicronautTest(transactional = false)
class DataPlaneApiTest extends RealDatabaseTest {
    private final java.util.UUID adminId = java.util.UUID.randomUUID();
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    DataPlaneCredentials credentials;
    Api api;
    Api.Session platformAdmin;
    Api.Session tenantOwner;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.platform.admin-user-ids", java.util.UUID.randomUUID() + ", " + adminId);
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
        String slug = Api.unique("platform");
        platformAdmin = PlatformOperator.create(api, database, adminId, api.signUp(slug), slug);
        tenantOwner = api.signUp(Api.unique("tenant"));
    }

    @Test
    void platformAdminIssuesACredentialShownOnceThatAuthenticates() throws Exception {
        Api.Reply issued = api.post("/api/v1/data-plane-credentials", Map.of("environment", "production", "name", "eu-west"),
                platformAdmin.token());

        assertThat(issued.status()).isEqualTo(201);
        String credential = issued.body().path("credential").asText();
        assertThat(credential).startsWith("bwdp_").hasSize(48);
        assertThat(credentials.authenticate(credential)).hasValueSatisfying(holder -> assertThat(holder.environment()).isEqualTo("production"));
        Api.Reply listed = api.get("/api/v1/data-plane-credentials", platformAdmin.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().toString()).contains(issued.body().path("id").asText()).doesNotContain(credential);
        assertThat(auditedAfterState(issued.body().path("id").asText())).contains("eu-west").doesNotContain(credential);
    }

    /** The audit record of the issue, read from the table (the audit API is another feature's). */
    private String auditedAfterState(String credentialId) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT after::text FROM audit_event WHERE action = 'data-plane-credential.issue' AND resource_id = ?")) {
            statement.setString(1, credentialId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("audit event recorded").isTrue();
                return row.getString(1);
            }
        }
    }

    @Test
    void revokedCredentialStopsAuthenticatingAndCannotBeRevokedTwice() {
        Api.Reply issued = api.post("/api/v1/data-plane-credentials", Map.of("environment", "staging", "name", "ci"), platformAdmin.token());
        String id = issued.body().path("id").asText();

        assertThat(api.delete("/api/v1/data-plane-credentials/" + id, platformAdmin.token()).status()).isEqualTo(204);
        assertThat(credentials.authenticate(issued.body().path("credential").asText())).isEmpty();
        Api.Reply again = api.delete("/api/v1/data-plane-credentials/" + id, platformAdmin.token());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void tenantOwnersWhoAreNotPlatformAdminsAreRefused() {
        Api.Reply refused = api.post("/api/v1/data-plane-credentials", Map.of("environment", "production", "name", "mine"),
                tenantOwner.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.key()).isEqualTo("PLATFORM_ADMIN_REQUIRED");
        assertThat(api.get("/api/v1/data-plane-credentials", tenantOwner.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/data-plane-credentials", Map.of("environment", "production", "name", "x"), null).status())
                .isEqualTo(401);
    }

    @Test
    void badInputNamesTheField() {
        Api.Reply environment = api.post("/api/v1/data-plane-credentials", Map.of("environment", "moon", "name", "x"),
                platformAdmin.token());
        assertThat(environment.status()).isEqualTo(400);
        assertThat(environment.body().path("errors").get(0).path("path").asText()).isEqualTo("environment");
        Api.Reply name = api.post("/api/v1/data-plane-credentials", Map.of("environment", "staging", "name", " "), platformAdmin.token());
        assertThat(name.body().path("errors").get(0).path("path").asText()).isEqualTo("name");
    }

    @Test
    void theDataPlaneListShowsEachTenantOnlyItsOwnBreakers() throws Exception {
        IssuedCredential credential = credentials.issue("production", "breakers", "ops@example.com");
        String other = java.util.UUID.randomUUID().toString();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO data_plane (id, environment, credential_id, last_seen_at, breakers)
                     VALUES ('gw-api-breakers', 'production', ?, now(), CAST(? AS jsonb))""")) {
            statement.setObject(1, credential.id());
            statement.setString(2, "[{\"tenantId\":\"" + tenantOwner.tenantId() + "\",\"apiId\":\"mine\",\"origin\":\"http://a.internal:80\","
                    + "\"state\":\"open\",\"since\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"tenantId\":\"" + other + "\",\"apiId\":\"theirs\",\"origin\":\"http://secret.internal:80\","
                    + "\"state\":\"open\",\"since\":\"2026-01-01T00:00:00Z\"}]");
            statement.executeUpdate();
        }

        Api.Reply planes = api.get("/api/v1/data-planes", tenantOwner.token());
        assertThat(planes.status()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode plane = null;
        for (com.fasterxml.jackson.databind.JsonNode item : planes.body().path("items")) {
            if (item.path("id").asText().equals("gw-api-breakers")) {
                plane = item;
            }
        }
        assertThat(plane).as("the data plane is listed").isNotNull();
        assertThat(plane.path("breakers")).hasSize(1);
        assertThat(plane.path("breakers").get(0).path("apiId").asText()).isEqualTo("mine");
        assertThat(plane.path("breakers").get(0).path("state").asText()).isEqualTo("open");
        assertThat(plane.path("breakers").get(0).path("origin").asText()).isEqualTo("http://a.internal:80");
        assertThat(planes.body().toString()).doesNotContain("theirs").doesNotContain("secret.internal").doesNotContain(other);
    }

    @Test
    void anyMemberListsTheDataPlanes() {
        Api.Reply planes = api.get("/api/v1/data-planes", tenantOwner.token());
        assertThat(planes.status()).isEqualTo(200);
        assertThat(planes.body().path("items").isArray()).isTrue();
        assertThat(api.get("/api/v1/data-planes", null).status()).isEqualTo(401);
    }
}
