package dev.bulwark.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.JwtAlgorithm;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.policy.jwt.JwksTestServer;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.Scanner;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import dev.bulwark.securitytesting.scan.model.RunLog;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import dev.bulwark.securitytesting.scan.model.ScanSettings;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The active scanner through a real gateway (real policies, real Redis) in front of the planted-flaw
 * API, which leaves authentication to the gateway. The checks about credentials, {@code alg: none}
 * and rate limits find their flaws behind a gateway without the policies, and nothing once the
 * api-key, jwt and rate-limit policies are in place.
 */
class ScannerThroughGatewayTest {
    private static final Set<String> CREDENTIAL_CHECKS = Set.of("auth-missing-credential", "auth-invalid-credential",
            "auth-expired-credential", "auth-revoked-credential");
    private static final Pattern REQUESTS = Pattern.compile("^([a-z-]+): \\d+ finding\\(s\\), (\\d+) request\\(s\\)$");
    private static final ApiKeyDigester DIGESTER = new ApiKeyDigester(GatewayHarness.PEPPER);
    private static final String KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String EXPIRED_KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String REVOKED_KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String SECOND_KEY = ApiKeys.generate(KeyEnvironment.LIVE);

    private static TestDatabase database;
    private static TestRedis redis;
    private static Vertx vertx;
    private static PlantedFlawApi upstream;
    private static ApiDocument contract;
    private static RSAKey signing;
    private static JwksTestServer jwks;

    @BeforeAll
    static void start() throws Exception {
        database = RealServices.newDatabase();
        redis = RealServices.newRedisPrefix();
        vertx = Vertx.vertx();
        upstream = PlantedFlawApi.trustingTheGateway(database);
        contract = new OpenApiLoader().parse(PlantedFlawApi.contract(), "planted-flaw-api.yaml");
        signing = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        jwks = new JwksTestServer(vertx, signing.toPublicJWK());
    }

    @AfterAll
    static void stop() {
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        redis.close();
        database.close();
    }

    @Test
    void api_key_and_rate_limit_flaws_are_found_behind_a_bare_gateway_and_closed_by_the_policies() throws Exception {
        ScanTarget target = null;
        try (GatewayHarness bare = GatewayHarness.startWithRealPolicies(redis, snapshot(1, List.of(), keys(true)))) {
            target = keyTarget(bare);
            ScanReport report = scan(target);
            assertThat(checkIds(report)).containsAll(CREDENTIAL_CHECKS).contains("missing-rate-limit");
        }
        RateLimitConfig limit = new RateLimitConfig(25L, 60, 0L, LimitKey.APPLICATION, null, LimitMode.DISTRIBUTED,
                FailureMode.CLOSED, 2_000, true);
        try (GatewayHarness hardened = GatewayHarness.startWithRealPolicies(redis,
                snapshot(2, List.of(new ApiKeyAuthConfig(null, null, null)), keys(true), limit))) {
            // Revoking a key takes it out of the next snapshot.
            hardened.publish(snapshot(3, List.of(new ApiKeyAuthConfig(null, null, null)), keys(false), limit));
            org.awaitility.Awaitility.await().until(() -> hardened.version() == 3);
            ScanReport report = scan(keyTarget(hardened));

            assertThat(checkIds(report)).doesNotContainAnyElementsOf(CREDENTIAL_CHECKS).doesNotContain("missing-rate-limit");
            // The credential checks did run: each sent its probes, which the gateway refused.
            Map<String, Integer> sent = requestsPerCheck(report);
            CREDENTIAL_CHECKS.forEach(check -> assertThat(sent.get(check)).as(check).isPositive());
            assertThat(messages(report)).anyMatch(line -> line.startsWith("missing-rate-limit: limited after"));
        }
    }

    @Test
    void unsigned_and_expired_jwts_pass_a_bare_gateway_and_are_refused_by_the_jwt_policy() throws Exception {
        JwtAuthConfig jwt = new JwtAuthConfig("https://id.example.com/", jwks.url(), List.of("shop-api"),
                List.of(JwtAlgorithm.RS256), List.of(), 0, null, null);
        try (GatewayHarness bare = GatewayHarness.startWithRealPolicies(redis, snapshot(1, List.of(), keys(true)))) {
            ScanReport report = scan(jwtTarget(bare));
            assertThat(checkIds(report)).contains("jwt-alg-none", "auth-expired-credential", "auth-invalid-credential");
        }
        try (GatewayHarness hardened = GatewayHarness.startWithRealPolicies(redis, snapshot(2, List.of(jwt), keys(true)))) {
            ScanReport report = scan(jwtTarget(hardened));

            assertThat(checkIds(report)).doesNotContain("jwt-alg-none", "auth-expired-credential", "auth-invalid-credential",
                    "auth-missing-credential");
            assertThat(requestsPerCheck(report).get("jwt-alg-none")).isPositive();
            assertThat(messages(report)).contains("jwt-weak-secret: skipped, the token is signed with RS256, not an HMAC");
        }
    }

    @Test
    void a_blocked_attack_replayed_as_a_regression_check_passes_only_without_threat_protection() throws Exception {
        RecordedAttack blocked = new RecordedAttack("event-1", "GET",
                "/products?search=" + java.net.URLEncoder.encode("book' OR '1'='1", java.nio.charset.StandardCharsets.UTF_8),
                Map.of(), null, "sql");
        ThreatProtectionConfig threats = new ThreatProtectionConfig(null, null, null, null, null);
        try (GatewayHarness protectedGateway = GatewayHarness.startWithRealPolicies(redis,
                snapshot(1, List.of(new ApiKeyAuthConfig(null, null, null), threats), keys(true)))) {
            ScanReport report = Scanner.withDefaultChecks(List.of(blocked)).scan(keyTarget(protectedGateway),
                    ScanSettings.safeDefaults().withBudget(1_000, 50));
            assertThat(checkIds(report)).doesNotContain("blocked-attack-regression");
            assertThat(requestsPerCheck(report).get("blocked-attack-regression")).isEqualTo(1);
        }
        try (GatewayHarness loosened = GatewayHarness.startWithRealPolicies(redis,
                snapshot(2, List.of(new ApiKeyAuthConfig(null, null, null)), keys(true)))) {
            ScanReport report = Scanner.withDefaultChecks(List.of(blocked)).scan(keyTarget(loosened),
                    ScanSettings.safeDefaults().withBudget(1_000, 50));
            assertThat(report.findings()).filteredOn(f -> f.checkId().equals("blocked-attack-regression")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.operation()).isEqualTo("GET /products");
                        assertThat(f.parameter()).isEqualTo("event-1");
                    });
        }
    }

    @Test
    void an_api_routed_by_host_name_is_scanned_with_its_host_through_the_gateways_address() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startWithRealPolicies(redis,
                snapshot("shop.example.com", 1, List.of(), keys(true)))) {
            // Without its host the gateway routes nothing: no read succeeds, so no credential check can judge.
            ScanReport unrouted = scan(keyTarget(gateway));
            assertThat(checkIds(unrouted)).doesNotContainAnyElementsOf(CREDENTIAL_CHECKS);
            assertThat(unrouted.requestsAnswered()).isPositive();

            ScanReport routed = scan(keyTarget(gateway).withHost("shop.example.com"));
            assertThat(checkIds(routed)).containsAll(CREDENTIAL_CHECKS);
            assertThat(upstream.received()).contains("GET /orders");
        }
    }

    @Test
    void bola_shows_through_the_gateway_which_names_each_application_to_the_upstream() throws Exception {
        try (PlantedFlawApi fixedTwin = PlantedFlawApi.fixedTrustingTheGateway(database)) {
            ScanReport flawed;
            try (GatewayHarness gateway = GatewayHarness.startWithRealPolicies(redis, twoConsumers(1, upstream.baseUrl()))) {
                flawed = scan(keyTarget(gateway).withSecondary(Identity.header("app-2", "X-API-Key", SECOND_KEY)));
            }
            ScanReport fixed;
            try (GatewayHarness gateway = GatewayHarness.startWithRealPolicies(redis, twoConsumers(1, fixedTwin.baseUrl()))) {
                fixed = scan(keyTarget(gateway).withSecondary(Identity.header("app-2", "X-API-Key", SECOND_KEY)));
            }
            // The flawed twin serves app-1's order to app-2; the fixed twin answers 404 to the same probe.
            assertThat(flawed.findings()).filteredOn(f -> f.checkId().equals("bola")).singleElement()
                    .satisfies(f -> assertThat(f.operation()).isEqualTo("GET /orders/{orderId}"));
            assertThat(checkIds(fixed)).doesNotContain("bola");
            assertThat(requestsPerCheck(fixed).get("bola")).as("bola ran against the fixed twin").isPositive();
            assertThat(fixedTwin.received()).contains("GET /orders");
        }
    }

    @Test
    void the_gateway_names_the_application_to_the_upstream_and_a_client_cannot_forge_it() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startWithRealPolicies(redis, twoConsumers(1, upstream.baseUrl()));
             var client = java.net.http.HttpClient.newHttpClient()) {
            // A client's own X-Bulwark-Application-Id is dropped: app-2 still sees only its own orders.
            java.net.http.HttpResponse<String> mine = client.send(java.net.http.HttpRequest.newBuilder(
                            URI.create(gateway.url("/shop/orders"))).header("X-API-Key", SECOND_KEY)
                            .header("X-Bulwark-Application-Id", "alice").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(mine.statusCode()).isEqualTo(200);
            assertThat(mine.body()).doesNotContain("\"ord-1\"").contains("gift card");
        }
    }

    /** The shop behind the api-key policy, with two subscribed applications: app-1 (KEY) and app-2 (SECOND_KEY). */
    private static Snapshot twoConsumers(long version, URI upstreamUrl) {
        ApiEntry shop = new ApiEntry("shop", "tenant-1", "Shop", null, "/shop", List.of(upstreamUrl.toString()),
                List.of(), List.of(new ApiKeyAuthConfig(null, null, null)), Snapshots.LOOPBACK);
        List<ApiKeyEntry> keys = List.of(entry("k-good", KEY, null),
                new ApiKeyEntry("k-second", ApiKeys.lookupId(SECOND_KEY), DIGESTER.digest(SECOND_KEY), "tenant-1", "app-2", List.of(), null));
        return new Snapshot(Snapshot.SCHEMA_VERSION, version, "test", "hash-" + version, Instant.now(), List.of(shop),
                List.of(new PlanEntry("gold", "tenant-1", "shop", List.of(), List.of())),
                List.of(new ApplicationEntry("app-1", "tenant-1", "Shop app", Map.of("shop", "gold")),
                        new ApplicationEntry("app-2", "tenant-1", "Second app", Map.of("shop", "gold"))), keys);
    }

    private static ScanReport scan(ScanTarget target) {
        return Scanner.withDefaultChecks().scan(target, ScanSettings.safeDefaults().withBudget(1_000, 50));
    }

    private static ScanTarget keyTarget(GatewayHarness gateway) {
        return new ScanTarget(URI.create(gateway.url("/shop")), contract, Identity.header("app-1", "X-API-Key", KEY),
                java.util.Optional.empty(), java.util.Optional.of(Identity.header("expired key", "X-API-Key", EXPIRED_KEY)),
                java.util.Optional.of(Identity.header("revoked key", "X-API-Key", REVOKED_KEY)));
    }

    private static ScanTarget jwtTarget(GatewayHarness gateway) throws Exception {
        return ScanTarget.of(URI.create(gateway.url("/shop")), contract,
                        Identity.bearer("app-1 token", token(Instant.now().plusSeconds(600))))
                .withExpired(Identity.bearer("expired token", token(Instant.now().minusSeconds(600))));
    }

    private static String token(Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("idp-1").build(),
                new JWTClaimsSet.Builder().issuer("https://id.example.com/").subject("alice").audience("shop-api")
                        .claim("azp", "app-1").expirationTime(Date.from(expiresAt)).build());
        jwt.sign(new RSASSASigner(signing));
        return jwt.serialize();
    }

    private static List<ApiKeyEntry> keys(boolean withRevoked) {
        List<ApiKeyEntry> keys = new java.util.ArrayList<>(List.of(
                entry("k-good", KEY, null), entry("k-expired", EXPIRED_KEY, Instant.now().minusSeconds(3600))));
        if (withRevoked) {
            keys.add(entry("k-revoked", REVOKED_KEY, null));
        }
        return keys;
    }

    private static ApiKeyEntry entry(String id, String key, Instant expiresAt) {
        return new ApiKeyEntry(id, ApiKeys.lookupId(key), DIGESTER.digest(key), "tenant-1", "app-1", List.of(), expiresAt);
    }

    private static Snapshot snapshot(long version, List<PolicyConfig> apiPolicies, List<ApiKeyEntry> keys,
                                     PolicyConfig... planPolicies) {
        return snapshot(null, version, apiPolicies, keys, planPolicies);
    }

    /** The shop on /shop, routed by {@code host} when it is not null. */
    private static Snapshot snapshot(String host, long version, List<PolicyConfig> apiPolicies, List<ApiKeyEntry> keys,
                                     PolicyConfig... planPolicies) {
        ApiEntry shop = new ApiEntry("shop", "tenant-1", "Shop", host, "/shop", List.of(upstream.baseUrl().toString()),
                List.of(), apiPolicies, Snapshots.LOOPBACK);
        return new Snapshot(Snapshot.SCHEMA_VERSION, version, "test", "hash-" + version, Instant.now(), List.of(shop),
                List.of(new PlanEntry("gold", "tenant-1", "shop", List.of(), List.of(planPolicies))),
                List.of(new ApplicationEntry("app-1", "tenant-1", "Shop app", Map.of("shop", "gold"))), keys);
    }

    private static Set<String> checkIds(ScanReport report) {
        return report.findings().stream().map(ScanFinding::checkId).collect(Collectors.toSet());
    }

    private static List<String> messages(ScanReport report) {
        return report.log().stream().map(RunLog.Entry::message).toList();
    }

    private static Map<String, Integer> requestsPerCheck(ScanReport report) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (String message : messages(report)) {
            Matcher matcher = REQUESTS.matcher(message);
            if (matcher.matches()) {
                out.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }
        return out;
    }
}
