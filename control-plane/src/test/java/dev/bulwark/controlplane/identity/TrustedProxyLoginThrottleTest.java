package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a load balancer every log-in arrives from the balancer's address; with it configured as a
 * trusted proxy, the per-address throttle counts the real clients, so one attacker cannot lock out
 * everybody and a forged header cannot dodge the count, and the audit trail names the real client.
 */
@MicronautTest(transactional = false)
class TrustedProxyLoginThrottleTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.http.trusted-proxies", "127.0.0.1,::1");
        properties.put("bulwark.identity.login-throttle.ip-free-failures", "3");
        properties.put("bulwark.identity.login-throttle.base-delay", "30s");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    private int attemptFrom(String forwardedFor) {
        return api.send(HttpRequest.POST("/api/v1/sessions", Map.of("email", Api.unique("spray") + "@example.test",
                "password", "a wrong password")).header("X-Forwarded-For", forwardedFor)).status();
    }

    @Test
    void theThrottleKeysOnTheForwardedClientNotOnTheProxy() throws Exception {
        List<Integer> attacker = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Whatever the attacker puts first, the proxy appends the address it saw.
            attacker.add(attemptFrom("198.51.100." + i + ", 203.0.113.66"));
        }
        assertThat(attacker).startsWith(401, 401, 401).contains(429);
        assertThat(attemptFrom("203.0.113.99")).as("another client behind the same proxy").isEqualTo(401);
        assertThat(throttleKeys()).contains("ip:203.0.113.66", "ip:203.0.113.99")
                .noneMatch(key -> key.startsWith("ip:198.51.100.") || key.equals("ip:127.0.0.1") || key.startsWith("ip:0:0:0:0"));
    }

    @Test
    void theAuditTrailRecordsTheForwardedClientToo() throws Exception {
        Api.Session owner = api.signUp(Api.unique("proxied"));
        int status = api.send(HttpRequest.POST("/api/v1/sessions", Map.of("email", owner.email(), "password", "not the password"))
                .header("X-Forwarded-For", "198.51.100.9, 203.0.113.77")).status();
        assertThat(status).isEqualTo(401);
        try (Connection connection = database.connect();
             var query = connection.prepareStatement("SELECT source_ip FROM audit_event WHERE action = 'session.login_failed' "
                     + "AND resource_id = ?")) {
            query.setString(1, owner.userId().toString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("203.0.113.77");
            }
        }
    }

    private List<String> throttleKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT throttle_key FROM login_attempt WHERE throttle_key LIKE 'ip:%'")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
