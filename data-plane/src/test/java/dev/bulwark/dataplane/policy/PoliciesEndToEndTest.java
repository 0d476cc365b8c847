package dev.bulwark.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.QuotaPeriod;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.policy.RequestLimitsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.Gateway;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.snapshot.SnapshotJson;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The policies through the real gateway: snapshot file, routing, pipeline, proxy, real upstream and Redis. */
@ExtendWith(RealServicesExtension.class)
class PoliciesEndToEndTest {
    private static final byte[] PEPPER = new byte[32];
    private static final String KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String OTHER_APP_KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static TestUpstream sink;
    private static com.nimbusds.jose.jwk.RSAKey signing;
    private static Gateway gateway;
    private static int port;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.ok(vertx);
        sink = TestUpstream.start(vertx, request -> request.body().onSuccess(body -> request.response().end("got " + body.length())));
        ApiKeyDigester digester = new ApiKeyDigester(PEPPER);
        RateLimitConfig planLimit = new RateLimitConfig(3L, 60, 0L, LimitKey.APPLICATION, null, LimitMode.DISTRIBUTED,
                FailureMode.CLOSED, 2_000, true);
        QuotaConfig quota = new QuotaConfig(1_000L, QuotaPeriod.DAY, null, "Europe/Paris", FailureMode.CLOSED, 2_000);
        ApiEntry orders = new ApiEntry("orders", "tenant-a", "Orders", null, "/orders", List.of(upstream.url()), List.of(), List.of(
                new CorsConfig(List.of("https://shop.example.com"), null, null, null, null, null),
                new IpFilterConfig(List.of("127.0.0.0/8", "::1/128"), null, null),
                new RequestLimitsConfig(1_000L, null, null, null),
                new ApiKeyAuthConfig(null, null, null)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        ApiEntry reports = new ApiEntry("reports", "tenant-a", "Reports", null, "/reports", List.of(upstream.url()), List.of(),
                List.of(new ApiKeyAuthConfig(CredentialLocation.QUERY, "api_key", true)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        signing = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("idp-1").generate();
        dev.bulwark.dataplane.policy.jwt.JwksTestServer jwks = new dev.bulwark.dataplane.policy.jwt.JwksTestServer(vertx, signing);
        ApiEntry tokens = new ApiEntry("tokens", "tenant-a", "Tokens", null, "/tokens", List.of(upstream.url()), List.of(),
                List.of(new dev.bulwark.contracts.policy.JwtAuthConfig("https://id.example.com/", jwks.url(), List.of("tokens-api"),
                        List.of(dev.bulwark.contracts.policy.JwtAlgorithm.RS256), List.of(), null, null, null)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        // JWT-only (requireApplication false, set explicitly): no application, authorization by the token's scopes.
        ApiEntry jwtOnly = new ApiEntry("jwtonly", "tenant-a", "JWT only", null, "/jwtonly", List.of(upstream.url()),
                List.of(new dev.bulwark.contracts.snapshot.OperationEntry("readThing", "GET", "/things", List.of("things:read"), List.of()),
                        new dev.bulwark.contracts.snapshot.OperationEntry("deleteThing", "DELETE", "/things", List.of("things:write"), List.of())),
                List.of(new dev.bulwark.contracts.policy.JwtAuthConfig("https://id.example.com/", jwks.url(), List.of("tokens-api"),
                        List.of(dev.bulwark.contracts.policy.JwtAlgorithm.RS256), List.of(), null, null, null, false)),
                dev.bulwark.dataplane.Snapshots.LOOPBACK);
        ApiEntry uploads = new ApiEntry("uploads", "tenant-a", "Uploads", null, "/uploads", List.of(sink.url()), List.of(),
                List.of(new RequestLimitsConfig(1_000L, null, null, null)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", "hash-1", Instant.now(),
                List.of(orders, reports, uploads, tokens, jwtOnly),
                List.of(new PlanEntry("gold", "tenant-a", "orders", List.of(), List.of(planLimit, quota)),
                        new PlanEntry("reports-free", "tenant-a", "reports", List.of(), List.of()),
                        new PlanEntry("tokens-basic", "tenant-a", "tokens", List.of(), List.of()),
                        // Two calls a minute per application: shows which application a token counts against.
                        new PlanEntry("tokens-two", "tenant-a", "tokens", List.of(), List.of(new RateLimitConfig(2L, 60, 0L,
                                LimitKey.APPLICATION, null, LimitMode.DISTRIBUTED, FailureMode.CLOSED, 2_000, true)))),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Shop", Map.of("orders", "gold", "reports", "reports-free", "tokens", "tokens-basic")),
                        new ApplicationEntry("app-2", "tenant-a", "Lab", Map.of()),
                        // Its OAuth client was revoked a minute ago: tokens issued before that are refused.
                        new ApplicationEntry("app-3", "tenant-a", "Revoked", Map.of("tokens", "tokens-basic"),
                                Instant.now().minusSeconds(60).getEpochSecond()),
                        // A secret rotation's overlap: its previous client (its id) and the new one, app-4-1.
                        new ApplicationEntry("app-4", "tenant-a", "Rotated", Map.of("tokens", "tokens-two"), null, List.of("app-4-1"))),
                List.of(new ApiKeyEntry("k1", ApiKeys.lookupId(KEY), digester.digest(KEY), "tenant-a", "app-1", List.of(), null),
                        new ApiKeyEntry("k2", ApiKeys.lookupId(OTHER_APP_KEY), digester.digest(OTHER_APP_KEY), "tenant-a", "app-2",
                                List.of(), null)));
        Path file = dev.bulwark.testing.TempDirectories.create("bulwark-policies").resolve("snapshot.json");
        Files.write(file, SnapshotJson.write(snapshot));
        port = GatewayHarness.freePort();
        gateway = new Gateway(GatewaySettings.from(Map.of(
                "BULWARK_REDIS_URL", redis.uri(),
                "BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix(),
                "BULWARK_GW_PORT", Integer.toString(port),
                "BULWARK_GW_STATUS_PORT", Integer.toString(GatewayHarness.freePort()),
                "BULWARK_GW_EVENT_LOOPS", "2",
                "BULWARK_GW_SNAPSHOT_FILE", file.toString(),
                "BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(PEPPER))));
        gateway.start().await();
        assertThat(gateway.snapshots().current().version()).as("the snapshot compiled with the real policies").isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        gateway.stop().await();
        upstream.close();
        sink.close();
        vertx.close().await();
    }

    @Test
    void keyPlanRateLimitAndCorsWorkThroughTheProxy() {
        assertThat(HttpProbe.get(port, "/orders/1").body()).contains("API_KEY_MISSING");
        assertThat(HttpProbe.get(port, "/orders/1", "X-API-Key", OTHER_APP_KEY).body()).contains("NOT_SUBSCRIBED");

        int before = upstream.requests.get();
        HttpResponse<String> first = HttpProbe.get(port, "/orders/1", "X-API-Key", KEY, "Origin", "https://shop.example.com");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("3");
        assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(upstream.lastHeaders().contains("X-API-Key")).as("the key is stripped before forwarding").isFalse();
        assertThat(HttpProbe.get(port, "/orders/2", "X-API-Key", KEY).statusCode()).isEqualTo(200);
        assertThat(HttpProbe.get(port, "/orders/3", "X-API-Key", KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = HttpProbe.get(port, "/orders/4", "X-API-Key", KEY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(upstream.requests.get() - before).isEqualTo(3);
    }

    @Test
    void jwtOfASubscribedApplicationPassesAndOthersAreRefused() throws Exception {
        HttpResponse<String> ok = HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-1", "tokens-api"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.lastHeaders().get("Authorization")).as("the bearer token goes upstream").startsWith("Bearer ");
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-2", "tokens-api")).body())
                .contains("NOT_SUBSCRIBED");
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-1", "other-api")).body())
                .contains("JWT_INVALID");
        assertThat(HttpProbe.get(port, "/tokens/me").body()).contains("JWT_MISSING");
    }

    @Test
    void aJwtOnlyApiNeedsNoApplicationButTheOperationsScopes() throws Exception {
        String noApplication = token(null, "tokens-api", "things:read");
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + noApplication).body())
                .as("by default a JWT caller must be a subscribed application").contains("NOT_SUBSCRIBED");
        HttpResponse<String> read = HttpProbe.get(port, "/jwtonly/things", "Authorization", "Bearer " + noApplication);
        assertThat(read.statusCode()).isEqualTo(200);
        HttpResponse<String> delete = HttpProbe.send("DELETE", port, "/jwtonly/things", "Authorization", "Bearer " + noApplication);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("SCOPE_MISSING");
        assertThat(HttpProbe.get(port, "/jwtonly/things", "Authorization", "Bearer " + token(null, "other-api", "things:read")).body())
                .as("still a fully validated token").contains("JWT_INVALID");
        assertThat(HttpProbe.get(port, "/jwtonly/things").statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenIssuedBeforeItsApplicationsClientWasRevokedIsRefused() throws Exception {
        HttpResponse<String> old = HttpProbe.get(port, "/tokens/me", "Authorization",
                "Bearer " + tokenIssuedAt("app-3", Instant.now().minusSeconds(120)));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).contains("JWT_REVOKED");
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-3", "tokens-api")).body())
                .as("a token without iat cannot prove it is newer").contains("JWT_REVOKED");
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + tokenIssuedAt("app-3", Instant.now())).statusCode())
                .as("issued after the revocation (a new client)").isEqualTo(200);
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization",
                "Bearer " + tokenIssuedAt("app-1", Instant.now().minusSeconds(120))).statusCode())
                .as("other applications are unaffected").isEqualTo(200);
    }

    @Test
    void tokensOfARotatedApplicationsNewAndPreviousClientAreTheSameApplication() throws Exception {
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-4-1", "tokens-api")).statusCode())
                .as("the new client's token maps to the subscribed application").isEqualTo(200);
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-4", "tokens-api")).statusCode())
                .as("the previous client's token too").isEqualTo(200);
        HttpResponse<String> third = HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-4-1", "tokens-api"));
        assertThat(third.statusCode()).as("both counted against one application's limit of 2").isEqualTo(429);
        assertThat(HttpProbe.get(port, "/tokens/me", "Authorization", "Bearer " + token("app-4-2", "tokens-api")).body())
                .as("a client id the snapshot does not list is no application").contains("NOT_SUBSCRIBED");
    }

    private static String tokenIssuedAt(String application, Instant issuedAt) throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID("idp-1").build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("https://id.example.com/").subject("svc").audience("tokens-api")
                        .claim("azp", application).issueTime(java.util.Date.from(issuedAt))
                        .expirationTime(java.util.Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(signing));
        return jwt.serialize();
    }

    private static String token(String application, String audience) throws Exception {
        return token(application, audience, null);
    }

    private static String token(String application, String audience, String scope) throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID("idp-1").build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("https://id.example.com/").subject("user-1")
                        .audience(audience).claim("azp", application).claim("scope", scope)
                        .expirationTime(java.util.Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(signing));
        return jwt.serialize();
    }

    @Test
    void preflightIsAnsweredByTheGatewayAlone() {
        int before = upstream.requests.get();
        HttpResponse<String> preflight = HttpProbe.send("OPTIONS", port, "/orders/1", "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(upstream.requests.get()).isEqualTo(before);
    }

    @Test
    void queryKeyIsStrippedFromTheUpstreamUri() {
        HttpResponse<String> response = HttpProbe.get(port, "/reports/daily?day=1&api_key=" + KEY + "&x=y");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"uri\":\"/daily?day=1&x=y\"");
    }

    @Test
    void streamedBodyAboveTheBoundIs413AndNeverFullyForwarded() {
        HttpResponse<String> small = HttpProbe.send(HttpRequest.newBuilder(HttpProbe.uri(port, "/uploads/file"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[900]))));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("got 900");

        HttpResponse<String> large = HttpProbe.send(HttpRequest.newBuilder(HttpProbe.uri(port, "/uploads/file"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[200_000]))));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("REQUEST_TOO_LARGE");

        HttpResponse<String> declared = HttpProbe.send(HttpRequest.newBuilder(HttpProbe.uri(port, "/uploads/file"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_001))));
        assertThat(declared.statusCode()).isEqualTo(413);
    }
}
