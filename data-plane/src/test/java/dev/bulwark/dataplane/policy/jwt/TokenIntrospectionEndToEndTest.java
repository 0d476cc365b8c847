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
import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.snapshot.SnapshotJson;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Opaque tokens through the real gateway: snapshot, pipeline, proxy, real upstream, and a real introspection endpoint. */
@ExtendWith(RealServicesExtension.class)
class TokenIntrospectionEndToEndTest {
    private static final String ISSUER = "https://id.example.com/realms/shop";
    private static final String SECRET = "s3cr:t/+é";
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static IntrospectionServer idp;
    private static Gateway gateway;
    private static int port;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.ok(vertx);
        idp = new IntrospectionServer(vertx, "gateway", SECRET);
        String closed = "http://127.0.0.1:" + RedisFixture.closedPort() + "/introspect";
        List<OperationEntry> operations = List.of(new OperationEntry("readThing", "GET", "/things", List.of("things:read"), List.of()),
                new OperationEntry("deleteThing", "DELETE", "/things", List.of("things:write"), List.of()));
        ApiEntry orders = api("orders", operations, introspection(idp.url(), "IDP", 2_000));
        ApiEntry slow = api("slow", List.of(), introspection(idp.url(), "IDP", 300));
        ApiEntry down = api("down", List.of(), introspection(closed, "DOWN", 2_000));
        // The IDP secret is bound to the IDP's origin: a policy naming it with another endpoint sends nothing.
        ApiEntry elsewhere = api("elsewhere", List.of(), introspection(closed, "IDP", 2_000));
        ApiEntry always = api("always", List.of(), new TokenIntrospectionConfig(idp.url(), "gateway", "BULWARK_INTROSPECTION_SECRET_IDP",
                IntrospectionMode.ALWAYS, null, null, null, null));
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", "hash-1", Instant.now(),
                List.of(orders, slow, down, elsewhere, always),
                List.of(new PlanEntry("basic", "tenant-a", "orders", List.of(), List.of()),
                        new PlanEntry("slow-basic", "tenant-a", "slow", List.of(), List.of()),
                        new PlanEntry("down-basic", "tenant-a", "down", List.of(), List.of()),
                        new PlanEntry("elsewhere-basic", "tenant-a", "elsewhere", List.of(), List.of()),
                        new PlanEntry("always-basic", "tenant-a", "always", List.of(), List.of())),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Shop",
                        Map.of("orders", "basic", "slow", "slow-basic", "down", "down-basic", "elsewhere", "elsewhere-basic",
                        "always", "always-basic"))),
                List.of());
        Path file = dev.bulwark.testing.TempDirectories.create("bulwark-introspection").resolve("snapshot.json");
        Files.write(file, SnapshotJson.write(snapshot));
        port = GatewayHarness.freePort();
        gateway = new Gateway(GatewaySettings.from(Map.ofEntries(
                Map.entry("BULWARK_REDIS_URL", redis.uri()),
                Map.entry("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()),
                Map.entry("BULWARK_GW_PORT", Integer.toString(port)),
                Map.entry("BULWARK_GW_STATUS_PORT", Integer.toString(GatewayHarness.freePort())),
                Map.entry("BULWARK_GW_EVENT_LOOPS", "2"),
                Map.entry("BULWARK_GW_SNAPSHOT_FILE", file.toString()),
                Map.entry("BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(new byte[32])),
                Map.entry("BULWARK_INTROSPECTION_SECRET_IDP", SECRET),
                Map.entry("BULWARK_INTROSPECTION_ORIGIN_IDP", idp.origin()),
                Map.entry("BULWARK_INTROSPECTION_SECRET_DOWN", "other-secret"),
                Map.entry("BULWARK_INTROSPECTION_ORIGIN_DOWN", closed.substring(0, closed.lastIndexOf('/'))))));
        gateway.start().await();
        assertThat(gateway.snapshots().current().version()).isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        gateway.stop().await();
        upstream.close();
        vertx.close().await();
    }

    @Test
    void anActiveTokenReachesTheUpstreamAndItsAnswerIsReused() {
        String token = activeToken("things:read", Instant.now().plusSeconds(300));
        int before = upstream.requests.get();

        HttpResponse<String> first = get("/orders/things", token);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(upstream.requests.get() - before).isEqualTo(1);
        assertThat(idp.calls(token)).isEqualTo(1);
        assertThat(idp.refused()).as("Basic client authentication and the RFC 7662 form were as the server expects").isZero();

        assertThat(get("/orders/things", token).statusCode()).isEqualTo(200);
        assertThat(idp.calls(token)).as("the second request is answered from the cache").isEqualTo(1);
    }

    @Test
    void anInactiveTokenIs401AndThatAnswerIsCachedToo() {
        String invented = UUID.randomUUID().toString();
        HttpResponse<String> response = get("/orders/things", invented);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("JWT_INVALID");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(get("/orders/things", invented).statusCode()).isEqualTo(401);
        assertThat(idp.calls(invented)).as("a garbage token costs one call, not one per request").isEqualTo(1);
    }

    @Test
    void aCachedAnswerEndsWithTheTokensExpiry() {
        String token = activeToken("things:read", Instant.now().plusSeconds(2));
        assertThat(get("/orders/things", token).statusCode()).isEqualTo(200);
        // Revoked at the issuer: only a new call can tell, and the cache (60 s) must not outlive exp (2 s).
        idp.answer(token, new JsonObject().put("active", false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            get("/orders/things", token);
            assertThat(idp.calls(token)).isEqualTo(2);
        });
        HttpResponse<String> after = get("/orders/things", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("JWT_INVALID");
    }

    @Test
    void anActiveAnswerIsCheckedLikeAJwtsClaims() {
        List<JsonObject> refused = List.of(
                new JsonObject().put("iss", "https://id.example.com/realms/other"),
                new JsonObject().put("aud", "another-api"),
                new JsonObject().put("typ", "Refresh"),
                new JsonObject().put("token_type", "refresh_token"),
                new JsonObject().put("nbf", Instant.now().plusSeconds(600).getEpochSecond()));
        for (JsonObject change : refused) {
            String token = activeToken("things:read", Instant.now().plusSeconds(300));
            idp.answer(token, idp.answerFor(token).mergeIn(change));
            HttpResponse<String> response = get("/orders/things", token);
            assertThat(response.statusCode()).as(change.encode()).isEqualTo(401);
            assertThat(response.body()).contains("JWT_INVALID");
        }
        String expired = activeToken("things:read", Instant.now().minusSeconds(5));
        assertThat(get("/orders/things", expired).body()).contains("JWT_EXPIRED");
        String keycloakLike = activeToken("things:read", Instant.now().plusSeconds(300));
        idp.answer(keycloakLike, idp.answerFor(keycloakLike).put("typ", "Bearer").put("aud", "orders").put("azp", "app-1"));
        assertThat(get("/orders/things", keycloakLike).statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsWithOneTokenMakeOneCall() {
        String token = activeToken("things:read", Instant.now().plusSeconds(300));
        double coalescedBefore = cacheCount("coalesced");
        idp.hold();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 8; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(HttpProbe.uri(port, "/orders/things"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> cacheCount("coalesced") - coalescedBefore >= 7);
            idp.release();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.join().statusCode()).isEqualTo(200);
            }
        } finally {
            idp.release();
        }
        assertThat(idp.calls(token)).isEqualTo(1);
    }

    @Test
    void aScopeTheTokenLacksIs403() {
        String token = activeToken("things:read", Instant.now().plusSeconds(300));
        HttpResponse<String> delete = HttpProbe.send("DELETE", port, "/orders/things", "Authorization", "Bearer " + token);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("SCOPE_MISSING");
    }

    @Test
    void anUnreachableFailingOrSlowEndpointIs503NeverA401() {
        String token = activeToken("things:read", Instant.now().plusSeconds(300));
        double errors = callCount("error");
        HttpResponse<String> down = get("/down/things", token);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(down.body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE").doesNotContain(token).doesNotContain("127.0.0.1");
        assertThat(callCount("error") - errors).isEqualTo(1);

        idp.fail(true);
        try {
            assertThat(get("/orders/things", token).body()).as("a 500 of the endpoint").contains("TOKEN_INTROSPECTION_UNAVAILABLE");
        } finally {
            idp.fail(false);
        }
        assertThat(get("/orders/things", token).statusCode()).as("failures are not cached").isEqualTo(200);

        String slowToken = activeToken("things:read", Instant.now().plusSeconds(300));
        double timeouts = callCount("timeout");
        idp.hold();
        try {
            assertThat(get("/slow/things", slowToken).body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE");
        } finally {
            idp.release();
        }
        assertThat(callCount("timeout") - timeouts).isEqualTo(1);
    }

    @Test
    void theSecretIsSentOnlyToTheOriginItIsBoundTo() {
        String token = activeToken("things:read", Instant.now().plusSeconds(300));
        double unconfigured = callCount("unconfigured");
        HttpResponse<String> response = get("/elsewhere/things", token);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE");
        assertThat(callCount("unconfigured") - unconfigured).isEqualTo(1);
    }

    @Test
    void onlyA200ApplicationJsonAnswerOfBoundedSizeCounts() {
        String html = activeToken("things:read", Instant.now().plusSeconds(300));
        idp.answerRaw(html, "text/html", "{\"active\":true,\"client_id\":\"app-1\",\"scope\":\"things:read\"}");
        assertThat(get("/orders/things", html).body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE");

        String huge = activeToken("things:read", Instant.now().plusSeconds(300));
        idp.answerRaw(huge, "application/json", "{\"active\":true,\"client_id\":\"app-1\",\"scope\":\"things:read\",\"pad\":\""
                + "x".repeat(100_000) + "\"}");
        assertThat(get("/orders/things", huge).body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE");

        String noActive = activeToken("things:read", Instant.now().plusSeconds(300));
        idp.answerRaw(noActive, "application/json; charset=utf-8", "{\"client_id\":\"app-1\",\"scope\":\"things:read\"}");
        assertThat(get("/orders/things", noActive).body()).contains("TOKEN_INTROSPECTION_UNAVAILABLE");
    }

    @Test
    void aJwtIsVerifiedLocallyUnlessTheModeIsAlways() throws Exception {
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
        com.nimbusds.jwt.SignedJWT signed = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID("k1").build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(ISSUER).audience("orders").claim("azp", "app-1").build());
        signed.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        String jwt = signed.serialize();
        idp.answer(jwt, new JsonObject().put("active", true).put("client_id", "app-1").put("iss", ISSUER));

        assertThat(get("/orders/things", jwt).body()).as("mode opaque: the (unreachable) JWKS decides").contains("JWKS_UNAVAILABLE");
        assertThat(idp.calls(jwt)).isZero();
        assertThat(get("/always/things", jwt).statusCode()).as("mode always: the authorization server decides").isEqualTo(200);
        assertThat(idp.calls(jwt)).isEqualTo(1);
    }

    private static String activeToken(String scope, Instant expiry) {
        String token = UUID.randomUUID().toString().replace("-", "");
        idp.answer(token, new JsonObject().put("active", true).put("client_id", "app-1").put("sub", "user-7").put("scope", scope)
                .put("iss", ISSUER).put("exp", expiry.getEpochSecond()).put("iat", Instant.now().getEpochSecond()));
        return token;
    }

    private static TokenIntrospectionConfig introspection(String endpoint, String secretName, int timeoutMillis) {
        return new TokenIntrospectionConfig(endpoint, "gateway", "BULWARK_INTROSPECTION_SECRET_" + secretName, IntrospectionMode.OPAQUE,
                60, 30, null, timeoutMillis);
    }

    private static ApiEntry api(String id, List<OperationEntry> operations, TokenIntrospectionConfig introspection) {
        JwtAuthConfig jwt = new JwtAuthConfig(ISSUER, "http://127.0.0.1:" + RedisFixture.closedPort() + "/jwks.json", List.of("orders"),
                List.of(JwtAlgorithm.RS256), List.of(), 0, null, null, true, introspection);
        return new ApiEntry(id, "tenant-a", id, null, "/" + id, List.of(upstream.url()), operations, List.of(jwt), Snapshots.LOOPBACK);
    }

    private static HttpResponse<String> get(String path, String token) {
        return HttpProbe.get(port, path, "Authorization", "Bearer " + token);
    }

    private static double callCount(String outcome) {
        Counter counter = gateway.metrics().find("bulwark.jwt.introspection.calls").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double cacheCount(String result) {
        Counter counter = gateway.metrics().find("bulwark.jwt.introspection.cache").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
