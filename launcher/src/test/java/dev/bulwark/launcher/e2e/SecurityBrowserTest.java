package dev.bulwark.launcher.e2e;

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
 * data plane, and the planted-flaw shop with its fixed twin as upstreams. In Chromium
 * (portal-web/e2e/security.mjs) a tenant publishes the shop, sees its audit score and threat model on the
 * Security page, runs a scan that goes through the gateway, sees the planted flaws, switches the API's
 * staging upstream to the fixed twin (with that twin's test consumers), rescans and sees them fixed.
 * Screenshots security-audit, security-scan and security-rescan go to docs/screenshots/.
 */
@ExtendWith(RealServicesExtension.class)
class SecurityBrowserTest {
    @Test
    void aTenantScansItsApiThroughTheGatewayFixesItAndSeesTheFindingsFixed(TestDatabase database, TestRedis redis,
                                                                           @TempDir Path home) throws Exception {
        BrowserScript browser = new BrowserScript();
        Path contract = Files.writeString(home.resolve("planted-flaw-api.yaml"), PlantedFlawApi.contract());
        try (PlatformProcesses platform = new PlatformProcesses(home, new PlatformProcesses.Services(database.jdbcUrl(),
                database.username(), database.password(), redis.uri(), redis.keyPrefix()))) {
            platform.startControlPlane("staging");
            DataPlane gateway = platform.addDataPlane("gw-staging", "staging");
            platform.startDataPlane(gateway);
            platform.awaitReady(gateway);
            // After the control plane's migrations: the twins keep their product table in the same database.
            try (PlantedFlawApi flawed = PlantedFlawApi.flawed(database);
                 PlantedFlawApi fixed = PlantedFlawApi.fixed(database, false)) {
                scanFixAndRescan(browser, platform, gateway, flawed, fixed, contract, home);
            }
        }
    }

    private static void scanFixAndRescan(BrowserScript browser, PlatformProcesses platform, DataPlane gateway, PlantedFlawApi flawed,
                                         PlantedFlawApi fixed, Path contract, Path home) throws Exception {
        List<String> tokens = List.of(flawed.token("alice", "user"), flawed.token("bob", "user"),
                fixed.token("alice", "user"), fixed.token("bob", "user"));
        String log = browser.run("security.mjs", Map.ofEntries(
                Map.entry("BASE_URL", platform.controlPlaneUrl()),
                Map.entry("GATEWAY_URL", gateway.url()),
                Map.entry("CONTRACT_FILE", contract.toString()),
                Map.entry("FLAWED_URL", flawed.baseUrl().toString()),
                Map.entry("FLAWED_PRIMARY", "Bearer " + tokens.get(0)),
                Map.entry("FLAWED_SECONDARY", "Bearer " + tokens.get(1)),
                Map.entry("FIXED_URL", fixed.baseUrl().toString()),
                Map.entry("FIXED_PRIMARY", "Bearer " + tokens.get(2)),
                Map.entry("FIXED_SECONDARY", "Bearer " + tokens.get(3)),
                Map.entry("SCREENSHOT_DIR", browser.root().resolve("docs/screenshots").toString())), home, Duration.ofMinutes(12));
        assertThat(log).contains("e2e security: passed");

        // Both scans went through the gateway: each twin received the probes, the fixed one only after the switch.
        assertThat(flawed.received()).as("the first scan reached the flawed twin").contains("GET /orders/ord-1", "GET /admin/users");
        assertThat(fixed.received()).as("the rescan reached the fixed twin").contains("GET /orders", "GET /admin/users");
        // Read-only by default: neither twin saw a write.
        for (List<String> received : List.of(flawed.received(), fixed.received())) {
            assertThat(received).noneMatch(line -> line.startsWith("POST ") || line.startsWith("PUT ")
                    || line.startsWith("PATCH ") || line.startsWith("DELETE "));
        }
        for (String screenshot : List.of("security-audit", "security-scan", "security-rescan")) {
            assertThat(browser.root().resolve("docs/screenshots/" + screenshot + ".png")).isRegularFile();
        }
        // The test consumers' tokens never reach a log of the platform.
        String controlPlaneLog = Files.readString(platform.logs().resolve("control-plane.log"));
        assertThat(tokens).noneMatch(controlPlaneLog::contains);
    }
}
