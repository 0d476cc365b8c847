package dev.bulwark.dataplane.policy.apikey;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.Snapshots;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeyAuthPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final ApiKeyDigester DIGESTER = new ApiKeyDigester(new byte[32]);
    private static final String GOOD = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String EXPIRED = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String OTHER_TENANT = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final String UNSUBSCRIBED = ApiKeys.generate(KeyEnvironment.TEST);
    private static final String IMPOSTOR = ApiKeys.generate(KeyEnvironment.LIVE);

    private static Vertx vertx;
    private static int headerPort;
    private static int queryPort;
    private static int productionPort;
    private static int stagingPort;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        var snapshot = Snapshots.of(List.of(
                        entry("k-good", GOOD, "tenant-a", "app-1", null),
                        entry("k-expired", EXPIRED, "tenant-a", "app-1", NOW.minusSeconds(1)),
                        entry("k-other", OTHER_TENANT, "tenant-b", "app-b", null),
                        entry("k-unsub", UNSUBSCRIBED, "tenant-a", "app-2", NOW.plusSeconds(60)),
                        // Same lookup id as IMPOSTOR, but the digest of a different key.
                        new ApiKeyEntry("k-imp", ApiKeys.lookupId(IMPOSTOR), DIGESTER.digest(GOOD), "tenant-a", "app-1", List.of(), null)),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Shop", Map.of("api-1", "gold")),
                        new ApplicationEntry("app-2", "tenant-a", "Lab", Map.of("api-9", "free")),
                        new ApplicationEntry("app-b", "tenant-b", "B", Map.of("api-1", "gold"))),
                List.of());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        headerPort = new PolicyHarness(vertx, List.of(new ApiKeyAuthPolicy(new ApiKeyAuthConfig(null, null, null), DIGESTER, clock)))
                .snapshot(snapshot).start();
        queryPort = new PolicyHarness(vertx, List.of(new ApiKeyAuthPolicy(
                new ApiKeyAuthConfig(CredentialLocation.QUERY, "api_key", true), DIGESTER, clock))).snapshot(snapshot).start();
        productionPort = environmentGateway("production", clock);
        stagingPort = environmentGateway("staging", clock);
    }

    private static int environmentGateway(String environment, Clock clock) {
        var snapshot = Snapshots.of(environment, List.of(entry("k-good", GOOD, "tenant-a", "app-1", null)),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Shop", Map.of("api-1", "gold"))), List.of());
        return new PolicyHarness(vertx, List.of(new ApiKeyAuthPolicy(new ApiKeyAuthConfig(null, null, null), DIGESTER, clock)))
                .snapshot(snapshot).start();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void validHeaderKeyAuthenticatesTheApplicationWithItsPlanAndIsStripped() {
        HttpResponse<String> response = get(headerPort, "/orders", "X-API-Key", GOOD);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject seen = new JsonObject(response.body());
        JsonObject consumer = seen.getJsonObject("consumer");
        assertThat(consumer.getString("tenantId")).isEqualTo("tenant-a");
        assertThat(consumer.getString("applicationId")).isEqualTo("app-1");
        assertThat(consumer.getString("keyId")).isEqualTo("k-good");
        assertThat(consumer.getString("planId")).isEqualTo("gold");
        assertThat(consumer.getString("scopes")).isEqualTo("orders:read");
        assertThat(seen.getJsonObject("headers").containsKey("x-api-key")).as("credential stripped").isFalse();
    }

    @Test
    void validQueryKeyIsStrippedFromTheForwardedQueryOnly() {
        HttpResponse<String> response = get(queryPort, "/orders?page=2&api_key=" + GOOD + "&sort=asc");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("query")).isEqualTo("page=2&sort=asc");
    }

    @Test
    void missingKeyIsChallenged() {
        HttpResponse<String> response = get(headerPort, "/orders");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"key\":\"API_KEY_MISSING\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("X-API-Key"));
    }

    @Test
    void malformedUnknownForgedAndForeignKeysAreAllJustInvalid() {
        String badChecksum = GOOD.substring(0, GOOD.length() - 1) + (GOOD.endsWith("0") ? "1" : "0");
        for (String key : List.of("hello", badChecksum, ApiKeys.generate(KeyEnvironment.LIVE), IMPOSTOR, OTHER_TENANT)) {
            HttpResponse<String> response = get(headerPort, "/orders", "X-API-Key", key);
            assertThat(response.statusCode()).as(key).isEqualTo(401);
            assertThat(response.body()).contains("\"key\":\"API_KEY_INVALID\"").doesNotContain(key);
        }
    }

    @Test
    void aWellFormedKeyOfTheOtherEnvironmentIsNamedAsSuch() {
        String testKey = ApiKeys.generate(KeyEnvironment.TEST);
        HttpResponse<String> staging = get(productionPort, "/orders", "X-API-Key", testKey);
        assertThat(staging.statusCode()).isEqualTo(401);
        assertThat(staging.body()).contains("\"key\":\"API_KEY_WRONG_ENVIRONMENT\"").contains("serves production")
                .contains("bwk_live_").doesNotContain(testKey);
        assertThat(get(stagingPort, "/orders", "X-API-Key", ApiKeys.generate(KeyEnvironment.LIVE)).body())
                .contains("API_KEY_WRONG_ENVIRONMENT").contains("serves staging");

        // Anything short of a well-formed key of the other environment stays just invalid.
        String forged = testKey.substring(0, testKey.length() - 1) + (testKey.endsWith("0") ? "1" : "0");
        for (String key : List.of(forged, "bwk_test_short", ApiKeys.generate(KeyEnvironment.LIVE))) {
            assertThat(get(productionPort, "/orders", "X-API-Key", key).body()).as(key).contains("\"key\":\"API_KEY_INVALID\"");
        }
        assertThat(get(productionPort, "/orders", "X-API-Key", GOOD).statusCode()).isEqualTo(200);
    }

    @Test
    void twoKeysInOneRequestAreRefused() {
        assertThat(get(queryPort, "/orders?api_key=" + GOOD + "&api_key=" + GOOD).body()).contains("API_KEY_INVALID");
    }

    @Test
    void expiredKeyIsToldApartOnlyWithTheGenuineKey() {
        HttpResponse<String> response = get(headerPort, "/orders", "X-API-Key", EXPIRED);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"key\":\"API_KEY_EXPIRED\"");
    }

    @Test
    void keyOfAnApplicationWithoutSubscriptionAuthenticatesWithoutPlan() {
        HttpResponse<String> response = get(headerPort, "/orders", "X-API-Key", UNSUBSCRIBED);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonObject("consumer").getString("planId")).isEqualTo("null");
    }

    private static ApiKeyEntry entry(String id, String key, String tenant, String app, Instant expiresAt) {
        return new ApiKeyEntry(id, ApiKeys.lookupId(key), DIGESTER.digest(key), tenant, app, List.of("orders:read"), expiresAt);
    }
}
