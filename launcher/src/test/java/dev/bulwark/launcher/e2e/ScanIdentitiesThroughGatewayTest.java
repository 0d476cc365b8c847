package dev.bulwark.launcher.e2e;

import static dev.bulwark.launcher.e2e.ConsoleApi.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's test consumers through a real gateway (control plane and staging data plane as processes,
 * real PostgreSQL and Redis): a run the tenant starts with no credentials of its own reaches the
 * planted-flaw shop with two keys the control plane issued (the api-key policy keeps the key in the
 * forwarded request here, so the upstream can tell the test what they were), finds BOLA, and once the
 * run is over the gateway answers 401 to both keys.
 */
@ExtendWith(RealServicesExtension.class)
class ScanIdentitiesThroughGatewayTest {
    @Test
    void theRunsKeysWorkThroughTheGatewayWhileItRunsAndAreRefusedAfterwards(TestDatabase database, TestRedis redis,
                                                                           @TempDir Path home) throws Exception {
        try (PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            platform.startControlPlane("staging");
            DataPlane gateway = platform.addDataPlane("gw-staging", "staging");
            platform.startDataPlane(gateway);
            platform.awaitReady(gateway);
            try (PlantedFlawApi shop = PlantedFlawApi.trustingTheGateway(database)) {
                String unique = Long.toString(System.nanoTime(), 36);
                ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "ids-" + unique, "owner+" + unique + "@example.com",
                        "ids-" + unique + "-Correct-Horse-7");
                String api = "/api/v1/apis/" + console.post("/api/v1/apis", object(Map.of("name", "Shop", "openapi",
                        PlantedFlawApi.contract(), "basePath", "/shop", "upstreamUrls", List.of(shop.baseUrl().toString()),
                        "allowPrivateUpstreams", true)), 201).path("id").asText();
                console.update("PUT", api + "/policies", api, ConsoleApi.JSON.readTree(
                        "{\"policies\": [{\"type\": \"api-key\", \"stripCredential\": false}]}"));
                console.post(api + "/lifecycle", object(Map.of("state", "published")), 200);
                console.post(api + "/plans", object(Map.of("name", "Standard", "policies", List.of(), "approval", "auto")), 201);

                String runId = console.post(api + "/scans", object(Map.of()), 202).path("id").asText();
                await().atMost(Duration.ofMinutes(2)).until(() -> shop.apiKeysSeen().size() == 2);
                Set<String> keys = shop.apiKeysSeen();
                JsonNode run = awaitFinished(console, api + "/scans/" + runId);

                assertThat(run.path("run").path("status").asText()).as(run.toString()).isEqualTo("completed");
                assertThat(run.path("findings").findValuesAsText("checkId")).contains("bola");
                // Revoked when the run ended: the gateway refuses both keys within seconds.
                for (String key : keys) {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> GatewayCall.get(gateway.url(), "/shop/orders", key).status() == 401);
                }
                assertThat(run.toString()).doesNotContain(keys.iterator().next());
            }
        }
    }

    private static JsonNode awaitFinished(ConsoleApi console, String run) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last[0] = console.get(run);
            return !Set.of("queued", "running").contains(last[0].path("run").path("status").asText());
        });
        return last[0];
    }
}
