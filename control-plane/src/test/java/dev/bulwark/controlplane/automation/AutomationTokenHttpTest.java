package dev.bulwark.controlplane.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant automation tokens over HTTP: shown once, stored hashed, role enforced, revocable, expiring, tenant-scoped. */
@MicronautTest(transactional = false)
class AutomationTokenHttpTest extends RealDatabaseTest {
    private static final String TOKENS = "/api/v1/automation-tokens";

    @Inject @Client("/") HttpClient client;
    Api http;
    Api.Session owner;
    Api.Session stranger;

    @BeforeAll
    void tenants() {
        http = new Api(client);
        owner = http.signUp(Api.unique("at"));
        stranger = http.signUp(Api.unique("at-other"));
    }

    private Reply create(Api.Session as, Map<String, Object> body) {
        return http.post(TOKENS, body, as.token());
    }

    private String token(String role) {
        Reply reply = create(owner, Map.of("name", "ci " + role, "role", role));
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return reply.body().path("token").asText();
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndActsInItsTenantWithItsRole() throws Exception {
        Api.Session fresh = http.signUp(Api.unique("at-fresh"));
        Reply created = create(fresh, Map.of("name", "deploy pipeline", "role", "publisher"));
        assertThat(created.status()).isEqualTo(201);
        String token = created.body().path("token").asText();
        String id = created.body().path("automationToken").path("id").asText();
        assertThat(token).startsWith("bwat_").hasSize(48);
        assertThat(created.body().path("automationToken").path("prefix").asText()).isEqualTo(token.substring(0, 12));

        Reply listed = http.get(TOKENS, fresh.token());
        assertThat(listed.body().path("items")).hasSize(1);
        assertThat(listed.body().toString()).doesNotContain(token).contains("deploy pipeline");
        assertThat(storedHash(id)).isNotEqualTo(token).hasSize(64);

        Reply me = http.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("tenant").path("id").asText()).isEqualTo(fresh.tenantId().toString());
        assertThat(me.body().path("role").asText()).isEqualTo("publisher");

        Reply audit = http.get("/api/v1/audit-events?action=automation-token.create", fresh.token());
        assertThat(audit.body().path("items")).hasSize(1);
        assertThat(audit.body().toString()).doesNotContain(token);
    }

    @Test
    void theRoleIsEnforced() {
        String viewer = token("viewer");
        assertThat(http.get("/api/v1/apis", viewer).status()).isEqualTo(200);
        Reply refused = http.post("/api/v1/developers", Map.of("email", Api.unique("dev") + "@example.test", "name", "Dev"), viewer);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.key()).isEqualTo("FORBIDDEN");
        assertThat(http.get(TOKENS, viewer).status()).as("token management is admin").isEqualTo(403);

        String admin = token("admin");
        assertThat(http.get(TOKENS, admin).status()).isEqualTo(200);
        Reply minted = create(new Api.Session(admin, owner.tenantId(), owner.userId(), owner.email(), null, null),
                Map.of("name", "child", "role", "viewer"));
        assertThat(minted.status()).as("a token cannot mint tokens").isEqualTo(403);

        Reply owned = create(owner, Map.of("name", "too strong", "role", "owner"));
        assertThat(owned.status()).isEqualTo(400);
        assertThat(owned.body().path("errors").get(0).path("path").asText()).isEqualTo("role");
    }

    @Test
    void revokedUnknownMalformedAndExpiredTokensAre401() {
        String token = token("viewer");
        String id = idOf(token);
        assertThat(http.delete(TOKENS + "/" + id, owner.token()).status()).isEqualTo(204);
        Reply revoked = http.get("/api/v1/apis", token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.key()).isEqualTo("UNAUTHENTICATED");
        assertThat(revoked.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(http.delete(TOKENS + "/" + id, owner.token()).status()).as("already revoked").isEqualTo(404);

        assertThat(http.get("/api/v1/apis", "bwat_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/apis", "bwat_short").status()).isEqualTo(401);

        Reply expiring = create(owner, Map.of("name", "short-lived", "role", "viewer",
                "expiresAt", Instant.now().plusSeconds(2).toString()));
        String shortLived = expiring.body().path("token").asText();
        assertThat(http.get("/api/v1/apis", shortLived).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get("/api/v1/apis", shortLived).status() == 401);

        Reply past = create(owner, Map.of("name", "past", "role", "viewer", "expiresAt", "2001-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().path("errors").get(0).path("path").asText()).isEqualTo("expiresAt");
    }

    @Test
    void anotherTenantCannotSeeOrRevokeTheToken() {
        String token = token("viewer");
        String id = idOf(token);
        assertThat(http.get(TOKENS, stranger.token()).body().path("items")).isEmpty();
        assertThat(http.delete(TOKENS + "/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/apis", token).status()).as("still valid").isEqualTo(200);
        Reply me = http.get("/api/v1/me", token);
        assertThat(me.body().path("tenant").path("id").asText()).isNotEqualTo(stranger.tenantId().toString());
    }

    @Test
    void badInputNamesTheField() {
        Reply noName = create(owner, Map.of("role", "viewer"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().path("errors").get(0).path("path").asText()).isEqualTo("name");
        Map<String, Object> badRole = new HashMap<>(Map.of("name", "x", "role", "root"));
        Reply wrong = create(owner, badRole);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().toString()).contains("role");
        assertThat(http.delete(TOKENS + "/not-a-uuid", owner.token()).status()).isEqualTo(404);
    }

    private String idOf(String token) {
        for (var item : http.get(TOKENS, owner.token()).body().path("items")) {
            if (token.startsWith(item.path("prefix").asText())) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("token not listed");
    }

    private String storedHash(String id) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT token_hash FROM automation_token WHERE id = ?::uuid")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
