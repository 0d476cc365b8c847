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

@MicronautTest(transactional = false)
class MembersAndInvitationsTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    /** Invites {@code email} as {@code role} and accepts, returning the new member's session. */
    Api.Session join(Api.Session inviter, String email, String role) {
        Reply invited = api.post("/api/v1/invitations", Map.of("email", email, "role", role), inviter.token());
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(201);
        Reply accepted = api.post("/api/v1/invitations/accept", Map.of("token", invited.body().path("token").asText(),
                "password", Api.PASSWORD, "displayName", "Member"), null);
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(201);
        return Api.session(accepted, email);
    }

    @Test
    void anInvitationIsShownOnceStoredHashedSingleUseAndGrantsItsRole() throws Exception {
        Api.Session owner = api.signUp(Api.unique("invite"));
        String email = Api.unique("pub") + "@example.test";
        Reply invited = api.post("/api/v1/invitations", Map.of("email", email, "role", "publisher"), owner.token());
        assertThat(invited.status()).isEqualTo(201);
        String token = invited.body().path("token").asText();
        assertThat(token).startsWith("bwi_");
        assertThat(invited.body().path("expiresAt").asText()).isNotBlank();

        try (var c = database.connect(); var rows = c.createStatement().executeQuery("SELECT token_hash FROM invitation")) {
            while (rows.next()) {
                assertThat(new String(rows.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
            }
        }
        Reply pending = api.get("/api/v1/invitations", owner.token());
        assertThat(pending.body().path("items").toString()).contains(email).doesNotContain(token);

        Reply accepted = api.post("/api/v1/invitations/accept", Map.of("token", token, "password", Api.PASSWORD, "displayName", "Pub"), null);
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.body().path("role").asText()).isEqualTo("publisher");
        assertThat(accepted.body().path("tenant").path("id").asText()).isEqualTo(owner.tenantId().toString());

        Reply again = api.post("/api/v1/invitations/accept", Map.of("token", token, "password", Api.PASSWORD, "displayName", "Pub"), null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.key()).isEqualTo("INVITATION_INVALID");
        Reply forged = api.post("/api/v1/invitations/accept", Map.of("token", "bwi_forged", "password", Api.PASSWORD, "displayName", "X"), null);
        assertThat(forged.key()).isEqualTo("INVITATION_INVALID");
    }

    @Test
    void expiredAndRevokedInvitationsCannotBeAccepted() throws Exception {
        Api.Session owner = api.signUp(Api.unique("expire"));
        Reply expiring = api.post("/api/v1/invitations", Map.of("email", Api.unique("late") + "@example.test", "role", "viewer"), owner.token());
        try (var c = database.connect(); var s = c.prepareStatement("UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = ?::uuid")) {
            s.setString(1, expiring.body().path("id").asText());
            s.executeUpdate();
        }
        assertThat(api.post("/api/v1/invitations/accept", Map.of("token", expiring.body().path("token").asText(),
                "password", Api.PASSWORD, "displayName", "L"), null).key()).isEqualTo("INVITATION_INVALID");

        Reply revoked = api.post("/api/v1/invitations", Map.of("email", Api.unique("rev") + "@example.test", "role", "viewer"), owner.token());
        assertThat(api.delete("/api/v1/invitations/" + revoked.body().path("id").asText(), owner.token()).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/invitations/accept", Map.of("token", revoked.body().path("token").asText(),
                "password", Api.PASSWORD, "displayName", "R"), null).key()).isEqualTo("INVITATION_INVALID");
    }

    @Test
    void rolesAreEnforcedAndOnlyOwnersMakeOwners() {
        Api.Session owner = api.signUp(Api.unique("roles"));
        Api.Session admin = join(owner, Api.unique("admin") + "@example.test", "admin");
        Api.Session viewer = join(owner, Api.unique("viewer") + "@example.test", "viewer");

        assertThat(api.post("/api/v1/invitations", Map.of("email", "x@example.test", "role", "viewer"), viewer.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/invitations", Map.of("email", "x@example.test", "role", "owner"), admin.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/members", viewer.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit-events", viewer.token()).status()).isEqualTo(403);

        Reply promoteByAdmin = api.patch("/api/v1/members/" + viewer.userId(), Map.of("role", "owner"), admin.token(), etag(owner, viewer));
        assertThat(promoteByAdmin.status()).isEqualTo(403);
        Reply demoteOwnerByAdmin = api.patch("/api/v1/members/" + owner.userId(), Map.of("role", "viewer"), admin.token(), etag(owner, owner));
        assertThat(demoteOwnerByAdmin.status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/members/" + owner.userId(), admin.token()).status()).isEqualTo(403);

        Reply promoted = api.patch("/api/v1/members/" + viewer.userId(), Map.of("role", "publisher"), admin.token(), etag(owner, viewer));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().path("role").asText()).isEqualTo("publisher");
        assertThat(promoted.header("ETag")).isEqualTo("W/\"1\"");
    }

    @Test
    void theLastOwnerCanNeverBeDemotedOrRemoved() {
        Api.Session owner = api.signUp(Api.unique("last"));
        Reply demote = api.patch("/api/v1/members/" + owner.userId(), Map.of("role", "admin"), owner.token(), etag(owner, owner));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.key()).isEqualTo("LAST_OWNER");
        Reply remove = api.delete("/api/v1/members/" + owner.userId(), owner.token());
        assertThat(remove.key()).isEqualTo("LAST_OWNER");

        Api.Session second = join(owner, Api.unique("second") + "@example.test", "owner");
        assertThat(api.patch("/api/v1/members/" + owner.userId(), Map.of("role", "admin"), second.token(), etag(owner, owner)).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/members/" + second.userId(), second.token()).key()).isEqualTo("LAST_OWNER");
    }

    @Test
    void patchNeedsIfMatchAndRefusesAStaleOne() {
        Api.Session owner = api.signUp(Api.unique("etag"));
        Api.Session viewer = join(owner, Api.unique("v") + "@example.test", "viewer");
        Reply missing = api.patch("/api/v1/members/" + viewer.userId(), Map.of("role", "admin"), owner.token(), null);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.key()).isEqualTo("PRECONDITION_REQUIRED");
        String current = etag(owner, viewer);
        assertThat(api.patch("/api/v1/members/" + viewer.userId(), Map.of("role", "admin"), owner.token(), current).status()).isEqualTo(200);
        Reply stale = api.patch("/api/v1/members/" + viewer.userId(), Map.of("role", "publisher"), owner.token(), current);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.key()).isEqualTo("PRECONDITION_FAILED");
    }

    @Test
    void aRemovedMemberLosesAccessImmediately() {
        Api.Session owner = api.signUp(Api.unique("remove"));
        Api.Session viewer = join(owner, Api.unique("gone") + "@example.test", "viewer");
        assertThat(api.get("/api/v1/me", viewer.token()).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/members/" + viewer.userId(), owner.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", viewer.token()).status()).isEqualTo(401);
    }

    @Test
    void membersListPagesWithOpaqueCursors() {
        Api.Session owner = api.signUp(Api.unique("pages"));
        for (int i = 0; i < 3; i++) {
            join(owner, Api.unique("m" + i) + "@example.test", "viewer");
        }
        Reply first = api.get("/api/v1/members?limit=2", owner.token());
        assertThat(first.body().path("items")).hasSize(2);
        String cursor = first.body().path("nextCursor").asText();
        Reply second = api.get("/api/v1/members?limit=2&cursor=" + cursor, owner.token());
        assertThat(second.body().path("items")).hasSize(2);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
        assertThat(second.body().path("items").toString()).doesNotContain(first.body().path("items").get(0).path("userId").asText());

        Reply tampered = api.get("/api/v1/members?cursor=" + cursor.substring(1), owner.token());
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.key()).isEqualTo("INVALID_CURSOR");
        Api.Session other = api.signUp(Api.unique("other"));
        assertThat(api.get("/api/v1/members?cursor=" + cursor, other.token()).key()).as("a cursor is bound to its tenant").isEqualTo("INVALID_CURSOR");
        assertThat(api.get("/api/v1/members?limit=0", owner.token()).key()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/members?limit=201", owner.token()).key()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void invitationsRoleChangesAndRemovalsAreAudited() {
        Api.Session owner = api.signUp(Api.unique("aud"));
        Api.Session viewer = join(owner, Api.unique("a") + "@example.test", "viewer");
        api.patch("/api/v1/members/" + viewer.userId(), Map.of("role", "admin"), owner.token(), etag(owner, viewer));
        api.delete("/api/v1/members/" + viewer.userId(), owner.token());
        Reply events = api.get("/api/v1/audit-events", owner.token());
        assertThat(events.body().findValuesAsText("action"))
                .contains("tenant.signup", "invitation.create", "member.join", "member.role_change", "member.remove");
    }

    private String etag(Api.Session reader, Api.Session member) {
        return api.get("/api/v1/members/" + member.userId(), reader.token()).header("ETag");
    }
}
