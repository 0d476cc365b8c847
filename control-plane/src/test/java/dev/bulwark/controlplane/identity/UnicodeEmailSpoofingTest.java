package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.PlatformOperator;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 5: with the operator {@code kim@…} configured, a sign-up as {@code \u212Aim@…}
 * (KELVIN SIGN) made a second account that the platform-admin check took for Kim's, and it got a
 * data-plane credential and every tenant's snapshot. Now the look-alike is the same address, and
 * operators are bound by user id.
 */
@MicronautTest(transactional = false)
class UnicodeEmailSpoofingTest extends RealDatabaseTest {
    private final UUID kimId = UUID.randomUUID();
    private final String domain = Api.unique("corp") + ".test";
    private final String kim = "kim@" + domain;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    DataPlaneCredentials credentials;
    Api api;
    Api.Session operator;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.platform.admin-user-ids", kimId.toString());
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
        String slug = Api.unique("ops");
        operator = PlatformOperator.create(api, database, kimId, kim, api.signUp(slug), slug);
    }

    private Reply signUp(String slug, String email, String password) {
        return api.post("/api/v1/signup", Map.of("tenantName", "Tenant " + slug, "tenantSlug", slug, "email", email,
                "password", password, "displayName", "Mallory"), null);
    }

    @Test
    void theKelvinSignLookAlikeIsTheSameAddressAndGetsNeitherAnAccountNorOperatorRights() throws Exception {
        String lookAlike = "\u212Aim@" + domain;
        Reply refused = signUp(Api.unique("spoof"), lookAlike, "mallory's own long passphrase 7");
        assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(409);
        assertThat(refused.key()).isEqualTo("ACCOUNT_EXISTS");
        Reply upperCase = signUp(Api.unique("spoof"), "KIM@" + domain.toUpperCase(java.util.Locale.ROOT), "mallory's own long passphrase 7");
        assertThat(upperCase.key()).isEqualTo("ACCOUNT_EXISTS");
        assertThat(accountsLike("%im@" + domain)).isEqualTo(1);

        // The look-alike is not a way in with another password either; with Kim's own it is Kim's account.
        assertThat(api.post("/api/v1/sessions", Map.of("email", lookAlike, "password", "mallory's own long passphrase 7"), null)
                .status()).isEqualTo(401);
        Api.Session viaLookAlike = api.logIn(lookAlike, Api.PASSWORD, null);
        assertThat(viaLookAlike.userId()).isEqualTo(kimId);
    }

    @Test
    void anAccountWhoseEmailLooksLikeTheOperatorsGetsNoCredentialAndNoSnapshot() {
        // Before the fix the admin list was emails: any account that compared equal to one was an operator.
        String slug = Api.unique("mallory");
        Reply signedUp = signUp(slug, "kim@" + Api.unique("corp") + ".test", "mallory's own long passphrase 7");
        assertThat(signedUp.status()).isEqualTo(201);
        String token = signedUp.body().path("session").path("token").asText();

        Reply credential = api.post("/api/v1/data-plane-credentials", Map.of("environment", "production", "name", "mine"), token);
        assertThat(credential.status()).isEqualTo(403);
        assertThat(credential.key()).isEqualTo("PLATFORM_ADMIN_REQUIRED");
        assertThat(credential.body().toString()).doesNotContain("bwdp_");
        // A session token is no data-plane credential: /sync/v1 authenticates only these.
        assertThat(credentials.authenticate(token)).isEmpty();

        Reply issued = api.post("/api/v1/data-plane-credentials", Map.of("environment", "production", "name", "ops"), operator.token());
        assertThat(issued.status()).as("the operator bound by user id still may").isEqualTo(201);
    }

    @Test
    void emailsWithInvisibleCharactersAreRefusedNamingTheField() {
        Reply refused = signUp(Api.unique("zw"), "ki\u200Bm@" + domain, "mallory's own long passphrase 7");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("path").asText()).isEqualTo("email");
    }

    private int accountsLike(String pattern) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM app_user WHERE email ILIKE ?")) {
            statement.setString(1, pattern);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
