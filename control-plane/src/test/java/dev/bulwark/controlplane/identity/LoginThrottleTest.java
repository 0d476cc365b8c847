package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Throttling with small thresholds so the test stays short; the back-off itself is the production code path. */
@MicronautTest(transactional = false)
class LoginThrottleTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.identity.login-throttle.account-free-failures", "3");
        properties.put("bulwark.identity.login-throttle.ip-free-failures", "12");
        properties.put("bulwark.identity.login-throttle.base-delay", "30s");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    private Reply attempt(String email, String password) {
        return api.post("/api/v1/sessions", Map.of("email", email, "password", password), null);
    }

    @Test
    void repeatedFailuresLockTheAccountWithGrowingDelaysEvenForTheRightPassword() throws Exception {
        Api.Session owner = api.signUp(Api.unique("throttle"));
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(owner.email(), "wrong password " + i).status()).isEqualTo(401);
        }
        Reply locked = attempt(owner.email(), Api.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.key()).isEqualTo("LOGIN_THROTTLED");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 30L);

        Instant firstLock = lockedUntil("account:" + owner.email().toLowerCase());
        // Let the lock lapse (as time would) and fail once more: the next lock is twice as long.
        execute("UPDATE login_attempt SET locked_until = now() - interval '1 second' WHERE throttle_key = 'account:" + owner.email().toLowerCase() + "'");
        assertThat(attempt(owner.email(), "still wrong").status()).isEqualTo(401);
        Instant secondLock = lockedUntil("account:" + owner.email().toLowerCase());
        assertThat(Duration.between(Instant.now(), secondLock).toSeconds()).isBetween(45L, 60L);
        assertThat(firstLock).isNotNull();

        Api.Session other = api.signUp(Api.unique("bystander"));
        assertThat(api.logIn(other.email(), Api.PASSWORD, null).token()).as("other accounts are unaffected").isNotBlank();
    }

    @Test
    void unknownAccountsAreThrottledTheSameWay() {
        String ghost = Api.unique("ghost") + "@example.test";
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(ghost, "some password " + i).status()).isEqualTo(401);
        }
        assertThat(attempt(ghost, "some password").key()).isEqualTo("LOGIN_THROTTLED");
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottled() throws Exception {
        execute("DELETE FROM login_attempt WHERE throttle_key LIKE 'ip:%'");
        Reply last = null;
        for (int i = 0; i < 14 && (last == null || last.status() != 429); i++) {
            last = attempt(Api.unique("spray") + "@example.test", "password attempt " + i);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.key()).isEqualTo("LOGIN_THROTTLED");
        execute("DELETE FROM login_attempt WHERE throttle_key LIKE 'ip:%'");
    }

    private Instant lockedUntil(String key) throws Exception {
        try (Connection c = database.connect(); var s = c.prepareStatement("SELECT locked_until FROM login_attempt WHERE throttle_key = ?")) {
            s.setString(1, key);
            var rows = s.executeQuery();
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = database.connect()) {
            c.createStatement().executeUpdate(sql);
        }
    }
}
