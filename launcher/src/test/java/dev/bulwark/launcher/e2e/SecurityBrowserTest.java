package dev.bulwark.launcher.e2e;

import static dev.bulwark.launcher.e2e.ConsoleApi.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's browser test, on the real platform: a control plane serving the built console, a staging
 * data plane, and the planted-flaw shop (leaving authentication to the gateway's api-key policy) with
 * its fixed twin as upstreams. The tenant publishes the shop and issues two test consumers' keys
 * through the console's API; then in Chromium (portal-web/e2e/security.mjs) it sees the audit score
 * and threat model on the Security page, gives the scan its two test consumers, runs a scan that goes
 * through the gateway, sees the planted flaws, switches the API's staging upstream to the fixed twin,
 * rescans and sees them fixed. Screenshots security-audit, security-scan and security-rescan go to
 * docs/screenshots/.
 */
@ExtendWith(RealServicesExtension.class)
class SecurityBrowserTest {
    @Test
    void aTenantScansItsApiThroughTheGatewayFixesItAndSeesTheFindingsFixed(TestDatabase database, TestRedis redis,
                                                                           @TempDir Path home) throws Exception {
        BrowserScript browser = new BrowserScript();
        try (PlatformProcesses platform = new PlatformProcesses(home, new PlatformProcesses.Services(database.jdbcUrl(),
                database.username(), database.password(), redis.uri(), redis.keyPrefix()))) {
            platform.startControlPlane("staging");
            DataPlane gateway = platform.addDataPlane("gw-staging", "staging");
            platform.startDataPlane(gateway);
            platform.awaitReady(gateway);
            // After the control plane's migrations: the twins keep their product table in the same database.
            try (PlantedFlawApi flawed = PlantedFlawApi.trustingTheGateway(database);
                 PlantedFlawApi fixed = PlantedFlawApi.fixedTrustingTheGateway(database)) {
                scanFixAndRescan(browser, platform, gateway, flawed, fixed, home);
            }
        }
    }

    private static void scanFixAndRescan(BrowserScript browser, PlatformProcesses platform, DataPlane gateway, PlantedFlawApi flawed,
                                         PlantedFlawApi fixed, Path home) throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        String email = "owner+" + unique + "@example.com";
        String password = "sec-" + unique + "-Correct-Horse-7";
        ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "sec-" + unique, email, password);
        String apiId = console.post("/api/v1/apis", object(Map.of("name", "Shop", "openapi", PlantedFlawApi.contract(),
                "basePath", "/shop", "upstreamUrls", List.of(flawed.baseUrl().toString()), "allowPrivateUpstreams", true)), 201)
                .path("id").asText();
        String api = "/api/v1/apis/" + apiId;
        // Publishing needs authentication at the gateway: the api-key policy, and a plan for the test consumers.
        console.update("PUT", api + "/policies", api, ConsoleApi.JSON.readTree("{\"policies\": [{\"type\": \"api-key\"}]}"));
        console.post(api + "/lifecycle", object(Map.of("state", "published")), 200);
        String planId = console.post(api + "/plans", object(Map.of("name", "Testers", "policies", List.of(), "approval", "auto")), 201)
                .path("id").asText();
        String developerId = console.post("/api/v1/developers", object(Map.of("email", "qa+" + unique + "@example.com",
                "name", "QA")), 201).path("id").asText();
        List<String> keys = new java.util.ArrayList<>();
        for (String consumer : List.of("Scan consumer A", "Scan consumer B")) {
            String applicationId = console.post("/api/v1/applications", object(Map.of("name", consumer, "developerId", developerId)), 201)
                    .path("id").asText();
            console.post("/api/v1/applications/" + applicationId + "/subscriptions", object(Map.of("planId", planId)), 201);
            keys.add(console.post("/api/v1/applications/" + applicationId + "/keys", object(Map.of("label", "scan",
                    "scopes", List.of(), "environment", "staging")), 201).path("key").asText());
        }
        console.send("PUT", api + "/scan-config", object(Map.of("authHeader", "X-API-Key")), null, 200);

        String log = browser.run("security.mjs", Map.ofEntries(
                Map.entry("BASE_URL", platform.controlPlaneUrl()),
                Map.entry("GATEWAY_URL", gateway.url()),
                Map.entry("EMAIL", email),
                Map.entry("PASSWORD", password),
                Map.entry("API_ID", apiId),
                Map.entry("PRIMARY_KEY", keys.get(0)),
                Map.entry("SECONDARY_KEY", keys.get(1)),
                Map.entry("FIXED_URL", fixed.baseUrl().toString()),
                Map.entry("SCREENSHOT_DIR", browser.root().resolve("docs/screenshots").toString())), home, Duration.ofMinutes(12));
        assertThat(log).contains("e2e security: passed");

        // Both scans went through the gateway (which strips /shop and the key): each twin got the probes.
        assertThat(flawed.received()).as("the first scan reached the flawed twin").contains("GET /orders", "GET /admin/users");
        assertThat(fixed.received()).as("the rescan reached the fixed twin").contains("GET /orders", "GET /admin/users");
        // Read-only by default: neither twin saw a write.
        for (List<String> received : List.of(flawed.received(), fixed.received())) {
            assertThat(received).noneMatch(line -> line.startsWith("POST ") || line.startsWith("PUT ")
                    || line.startsWith("PATCH ") || line.startsWith("DELETE "));
        }
        for (String screenshot : List.of("security-audit", "security-scan", "security-rescan")) {
            assertThat(browser.root().resolve("docs/screenshots/" + screenshot + ".png")).isRegularFile();
        }
        // The test consumers' keys never reach a log of the platform.
        String controlPlaneLog = Files.readString(platform.logs().resolve("control-plane.log"));
        assertThat(keys).noneMatch(controlPlaneLog::contains);
    }
}
