package dev.bulwark.controlplane.member;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accept-invitation page's calls: look the invitation up, then accept as a new or an existing account. */
@MicronautTest(transactional = false)
class AcceptInvitationTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    private String invite(Api.Session inviter, String email, String role) {
        Reply invited = api.post("/api/v1/invitations", Map.of("email", email, "role", role), inviter.token());
        assertThat(invited.status()).as(String.valueOf(invited.body())).isEqualTo(201);
        return invited.body().path("token").asText();
    }

    @Test
    void lookupShowsTenantRoleAndEmailWithoutASessionAndChangesNothing() {
        String slug = Api.unique("lookup");
        Api.Session owner = api.signUp(slug);
        String email = Api.unique("new") + "@example.test";
        String token = invite(owner, email, "publisher");

        Reply preview = api.post("/api/v1/invitations/lookup", Map.of("token", token), null);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().path("tenantSlug").asText()).isEqualTo(slug);
        assertThat(preview.body().path("tenantName").asText()).isNotBlank();
        assertThat(preview.body().path("role").asText()).isEqualTo("publisher");
        assertThat(preview.body().path("email").asText()).isEqualTo(email);
        assertThat(preview.body().path("existingAccount").asBoolean()).isFalse();
        assertThat(preview.body().path("expiresAt").asText()).isNotBlank();
        assertThat(preview.body().toString()).doesNotContain(token);

        // Looking twice still works: the lookup does not use the invitation up.
        assertThat(api.post("/api/v1/invitations/lookup", Map.of("token", token), null).status()).isEqualTo(200);
        Reply accepted = api.post("/api/v1/invitations/accept", Map.of("token", token, "password", Api.PASSWORD, "displayName", "New"), null);
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.cookie("bw_session")).as("the accept answer starts a cookie session").isPresent();

        Reply used = api.post("/api/v1/invitations/lookup", Map.of("token", token), null);
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.key()).isEqualTo("INVITATION_INVALID");
        assertThat(used.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownOrMissingTokensAreRefusedNamingTheField() {
        assertThat(api.post("/api/v1/invitations/lookup", Map.of("token", "bwi_forged"), null).key()).isEqualTo("INVITATION_INVALID");
        Reply blank = api.post("/api/v1/invitations/lookup", Map.of("token", ""), null);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("errors").toString()).contains("token");
    }

    @Test
    void aNewAccountMustGiveItsName() {
        Api.Session owner = api.signUp(Api.unique("noname"));
        String token = invite(owner, Api.unique("anon") + "@example.test", "viewer");
        Reply nameless = api.post("/api/v1/invitations/accept", Map.of("token", token, "password", Api.PASSWORD), null);
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.body().path("errors").get(0).path("path").asText()).isEqualTo("displayName");
        // The refusal did not use the invitation up.
        assertThat(api.post("/api/v1/invitations/lookup", Map.of("token", token), null).status()).isEqualTo(200);
    }

    /**
     * Issue 21 item 4: the accept route answered 401 to wrong passwords and 201 with a session to the
     * right one, forever. Now it checks no password for an existing account at all: every guess,
     * the right password included, gets the same refusal, and only the account's own session joins.
     */
    @Test
    void guessingPasswordsOnTheAcceptRouteNeverStartsASession() {
        Api.Session victim = api.signUp(Api.unique("victim"));
        Api.Session attacker = api.signUp(Api.unique("attacker"));
        String token = invite(attacker, victim.email(), "admin");
        assertThat(api.post("/api/v1/invitations/lookup", Map.of("token", token), null).body().path("existingAccount").asBoolean()).isTrue();

        for (int guess = 0; guess < 40; guess++) {
            String password = guess == 39 ? Api.PASSWORD : "guess number " + guess + " of the password";
            Reply reply = api.post("/api/v1/invitations/accept", Map.of("token", token, "password", password), null);
            assertThat(reply.status()).as("guess %d: %s", guess, reply.body()).isIn(409, 429);
            assertThat(reply.cookie("bw_session")).isEmpty();
            assertThat(reply.body().path("session").isMissingNode()).isTrue();
            if (reply.status() == 409) {
                assertThat(reply.key()).isEqualTo("LOG_IN_TO_ACCEPT");
            }
        }
        // Someone else's session cannot take the invitation either.
        Reply stranger = api.post("/api/v1/invitations/join", Map.of("token", token), attacker.token());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.key()).isEqualTo("INVITATION_FOR_ANOTHER_ACCOUNT");
        assertThat(api.post("/api/v1/invitations/join", Map.of("token", token), null).status()).isEqualTo(401);

        Reply joined = api.post("/api/v1/invitations/join", Map.of("token", token), victim.token());
        assertThat(joined.status()).as(String.valueOf(joined.body())).isEqualTo(201);
        assertThat(joined.body().path("tenant").path("id").asText()).isEqualTo(attacker.tenantId().toString());
        assertThat(joined.body().path("role").asText()).isEqualTo("admin");
        assertThat(joined.body().path("user").path("id").asText()).isEqualTo(victim.userId().toString());
        assertThat(api.post("/api/v1/invitations/join", Map.of("token", token), victim.token()).key()).isEqualTo("INVITATION_INVALID");
    }
}
