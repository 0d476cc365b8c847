package dev.bulwark.dataplane.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.IntrospectionMode;
import dev.bulwark.contracts.policy.JwtAlgorithm;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.TokenIntrospectionConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.Gateway;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.policy.HttpProbe;
import dev.bulwark.dataplane.snapshot.SnapshotJson;
import dev.bulwark.testing.KeycloakServer;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TempDirectories;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Token introspection (RFC 7662) against a real Keycloak: the gateway authenticates as a
 * resource-server client of the realm, Keycloak's answer is mapped to the application and scopes
 * like a JWT's claims, a token revoked at Keycloak stops working once its cached answer ends (while
 * the same token, verified locally from the JWKS, does not), and a wrong client secret fails closed.
 */
@ExtendWith(RealServicesExtension.class)
class KeycloakIntrospectionTest {
    private static final String GATEWAY_CLIENT = "bulwark-gateway";
    private static final String APPLICATION = "shop-app";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Vertx vertx;
    private static TestUpstream upstream;
    private static KeycloakRealm realm;
    private static Gateway gateway;
    private static int port;
    private static String applicationSecret;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        realm = KeycloakRealm.create(keycloak, KeycloakServer.uniqueName("bwintro"));
        String gatewaySecret = secret();
        applicationSecret = secret();
        realm.serviceClient(GATEWAY_CLIENT, gatewaySecret, GATEWAY_CLIENT);
        realm.serviceClient(APPLICATION, applicationSecret, GATEWAY_CLIENT, realm.scope("things:read"), realm.scope("profile:read"));

        vertx = Vertx.vertx();
        upstream = TestUpstream.ok(vertx);
        String introspect = realm.endpoint("token/introspect");
        List<OperationEntry> operations = List.of(new OperationEntry("readThing", "GET", "/things", List.of("things:read"), List.of()),
                new OperationEntry("deleteThing", "DELETE", "/things", List.of("things:write"), List.of()));
        ApiEntry live = api("live", operations, introspection(introspect, "KEYCLOAK", IntrospectionMode.ALWAYS));
        ApiEntry local = api("local", operations, introspection(introspect, "KEYCLOAK", IntrospectionMode.OPAQUE));
        ApiEntry misconfigured = api("misconfigured", operations, introspection(introspect, "STALE", IntrospectionMode.ALWAYS));
        List<ApiEntry> apis = List.of(live, local, misconfigured);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", "hash-1", Instant.now(), apis,
                apis.stream().map(api -> new PlanEntry(api.apiId() + "-plan", "tenant-a", api.apiId(), List.of(), List.of())).toList(),
                List.of(new ApplicationEntry(APPLICATION, "tenant-a", "Shop",
                        Map.of("live", "live-plan", "local", "local-plan", "misconfigured", "misconfigured-plan"))),
                List.of());
        Path file = TempDirectories.create("bulwark-keycloak-introspection").resolve("snapshot.json");
        Files.write(file, SnapshotJson.write(snapshot));
        URI issuer = URI.create(realm.issuer());
        String origin = issuer.getScheme() + "://" + issuer.getAuthority();
        port = GatewayHarness.freePort();
        gateway = new Gateway(GatewaySettings.from(Map.ofEntries(
                Map.entry("BULWARK_REDIS_URL", redis.uri()),
                Map.entry("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()),
                Map.entry("BULWARK_GW_PORT", Integer.toString(port)),
                Map.entry("BULWARK_GW_STATUS_PORT", Integer.toString(GatewayHarness.freePort())),
                Map.entry("BULWARK_GW_EVENT_LOOPS", "2"),
                Map.entry("BULWARK_GW_SNAPSHOT_FILE", file.toString()),
                Map.entry("BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(new byte[32])),
                Map.entry("BULWARK_INTROSPECTION_SECRET_KEYCLOAK", gatewaySecret),
                Map.entry("BULWARK_INTROSPECTION_ORIGIN_KEYCLOAK", origin),
                // A secret Keycloak no longer knows (rotated there, not here).
                Map.entry("BULWARK_INTROSPECTION_SECRET_STALE", secret()),
                Map.entry("BULWARK_INTROSPECTION_ORIGIN_STALE", origin))));
        gateway.start().await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().await();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void keycloaksAnswerNamesTheApplicationAndItsScopes() throws Exception {
        String token = realm.token(APPLICATION, applicationSecret);
        double activeBefore = calls("active");
        int reachedBefore = upstream.requests.get();

        HttpResponse<String> read = call("GET", "/live/things", token);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(upstream.requests.get() - reachedBefore).isEqualTo(1);
        assertThat(calls("active") - activeBefore).as("asked at Keycloak, which said active").isEqualTo(1);

        HttpResponse<String> delete = call("DELETE", "/live/things", token);
        assertThat(delete.statusCode()).as("the token has things:read, not things:write: %s", delete.body()).isEqualTo(403);
        assertThat(upstream.requests.get() - reachedBefore).isEqualTo(1);
    }

    @Test
    void aTokenRevokedAtKeycloakIsRefusedOnceItsCachedAnswerEndsWhileLocalVerificationCannotSeeIt() throws Exception {
        String token = realm.token(APPLICATION, applicationSecret);
        assertThat(call("GET", "/live/things", token).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/local/things", token).statusCode()).as("a JWT, verified from the realm's JWKS").isEqualTo(200);

        realm.revoke(token, APPLICATION, applicationSecret);

        await("the revoked token refused where every token is introspected").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> call("GET", "/live/things", token).statusCode() == 401);
        assertThat(call("GET", "/live/things", token).body()).contains("JWT_INVALID");
        assertThat(call("GET", "/local/things", token).statusCode())
                .as("verified locally, a revoked JWT stays valid until it expires: why mode always exists").isEqualTo(200);
    }

    @Test
    void aSecretKeycloakRefusesFailsClosedWithoutReachingTheUpstream() throws Exception {
        String token = realm.token(APPLICATION, applicationSecret);
        int reachedBefore = upstream.requests.get();

        HttpResponse<String> response = call("GET", "/misconfigured/things", token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE").doesNotContain(token);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(upstream.requests.get()).isEqualTo(reachedBefore);
    }

    private static TokenIntrospectionConfig introspection(String endpoint, String secretName, IntrospectionMode mode) {
        // One second of reuse: long enough to spare Keycloak a call per request, short enough for the revocation test.
        return new TokenIntrospectionConfig(endpoint, GATEWAY_CLIENT, "BULWARK_INTROSPECTION_SECRET_" + secretName, mode, 1, 0, null, 5_000);
    }

    private static ApiEntry api(String id, List<OperationEntry> operations, TokenIntrospectionConfig introspection) {
        JwtAuthConfig jwt = new JwtAuthConfig(realm.issuer(), realm.endpoint("certs"), List.of(GATEWAY_CLIENT), List.of(JwtAlgorithm.RS256),
                List.of(), 0, null, null, true, introspection);
        return new ApiEntry(id, "tenant-a", id, null, "/" + id, List.of(upstream.url()), operations, List.of(jwt), Snapshots.LOOPBACK);
    }

    private static HttpResponse<String> call(String method, String path, String token) {
        return HttpProbe.send(method, port, path, "Authorization", "Bearer " + token);
    }

    private static double calls(String outcome) {
        Counter counter = gateway.metrics().find("bulwark.jwt.introspection.calls").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
