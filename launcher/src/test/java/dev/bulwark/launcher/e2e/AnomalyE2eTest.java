package dev.bulwark.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic-anomaly detector against a real gateway: a key whose learned baseline is a handful of
 * requests a minute (seeded, so the test need not wait 30 minutes of warm-up) suddenly sends hundreds
 * through a data-plane process; the gateway's usage aggregates reach the control-plane process and
 * a request-rate anomaly opens for that key, with the baseline in its evidence.
 */
@ExtendWith(RealServicesExtension.class)
class AnomalyE2eTest {
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(60);
    private static final int BURST = 250;
    private static final String OPENAPI = """
            openapi: 3.0.3
            info: {title: Catalog, version: 1.0.0}
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': {description: the items}
            """;

    @Test
    void aBurstThroughTheGatewayAboveAWarmBaselineOpensARequestRateAnomalyForTheKey(TestDatabase database, TestRedis redis,
                                                                                     @TempDir Path home) throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        try (TestUpstream upstream = TestUpstream.start();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            platform.startControlPlane("production");
            ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "anom-" + unique, "owner+" + unique + "@example.com",
                    "anom-" + unique + "-Correct-Horse-7");
            DataPlane gateway = platform.addDataPlane("gw-1");
            platform.startDataPlane(gateway);

            String apiId = console.publishApi("Catalog", OPENAPI, "/catalog", upstream.url(), ConsoleApi.JSON.readTree("""
                    {"policies": [{"type": "api-key"}]}"""));
            String planId = console.autoApprovedPlan(apiId, "All", List.of("listItems"));
            String developerId = console.developer("dev+" + unique + "@example.com", "Burster");
            String applicationId = console.subscribedApplication(developerId, planId, "Burster");
            ConsoleApi.IssuedKey issued = console.productionKey(applicationId, "burster");
            String key = issued.key();
            String keyId = issued.id();

            platform.awaitReady(gateway);
            await("the key at the gateway").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> GatewayCall.get(gateway.url(), "/catalog/items", key).status() == 200);
            // 30 learned windows of ~5 requests: warm, and anything above the detector's floor (100) is anomalous.
            seedBaseline(database, apiId, keyId);
            assertThat(console.get("/api/v1/incidents?detector=request-rate-anomaly").path("items")).isEmpty();

            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                assertThat(GatewayCall.get(gateway.url(), "/catalog/items", key).status()).isEqualTo(200);
            }
            await("request-rate anomaly").atMost(DETECTION_BOUND).pollInterval(Duration.ofMillis(200)).until(() ->
                    console.get("/api/v1/incidents?status=open&detector=request-rate-anomaly").path("items").size() >= 1);
            System.out.printf("e2e: request-rate anomaly detected %d ms after the burst began%n", (System.nanoTime() - start) / 1_000_000);

            JsonNode incident = null;
            for (JsonNode item : console.get("/api/v1/incidents?detector=request-rate-anomaly").path("items")) {
                if (keyId.equals(item.path("subject").asText())) {
                    incident = item;
                }
            }
            assertThat(incident).as("an anomaly for the key").isNotNull();
            assertThat(incident.path("subjectKind").asText()).isEqualTo("api-key");
            assertThat(incident.path("apiId").asText()).isEqualTo(apiId);
            assertThat(incident.path("eventCount").asLong()).isBetween(101L, (long) BURST + 10);
            JsonNode evidence = console.get("/api/v1/incidents/" + incident.path("id").asText()).path("timeline").get(0)
                    .path("evidence");
            assertThat(evidence.path("baseline").path("windows").asInt()).isGreaterThanOrEqualTo(30);
            assertThat(evidence.path("baseline").path("mean").asDouble()).isLessThan(10);
            assertThat(evidence.path("threshold").asInt()).isEqualTo(100);
        }
    }

    /** The key's and the API's baselines as 30 windows of five requests would have left them, the last one a minute ago. */
    private static void seedBaseline(TestDatabase database, String apiId, String keyId) throws Exception {
        Instant previous = Instant.ofEpochMilli((System.currentTimeMillis() / 60_000 - 1) * 60_000);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO incident_baseline (tenant_id, detector, api_id, subject, bucket_start, bucket_value, mean, variance, samples)
                     SELECT tenant_id, 'request-rate-anomaly', ?, ?, ?, 5, 5, 1, 30 FROM api WHERE id = ?
                     ON CONFLICT (tenant_id, detector, api_id, subject) DO UPDATE
                     SET bucket_start = EXCLUDED.bucket_start, bucket_value = 5, mean = 5, variance = 1, samples = 30""")) {
            for (String subject : List.of(keyId, apiId)) {
                upsert.setString(1, apiId);
                upsert.setString(2, subject);
                upsert.setTimestamp(3, Timestamp.from(previous));
                upsert.setObject(4, UUID.fromString(apiId));
                assertThat(upsert.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
