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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's browser test, on the real platform: a control plane serving the built console, a staging
 * data plane, and the planted-flaw shop (leaving authentication to the gateway's api-key policy, and
 * telling its customers apart by the application the gateway names) with its fixed twin as upstreams.
 * Everything the tenant does happens in Chromium (portal-web/e2e/security.mjs): it signs up, creates
 * the shop from its OpenAPI file, attaches the api-key policy, publishes it, adds a plan, sees the audit
 * score and threat model on the Security page, runs a scan through the gateway (the control plane makes
 * the two test consumers itself), sees the planted flaws with BOLA among them, switches the API's
 * staging upstream to the fixed twin, rescans and sees them fixed. Screenshots security-audit,
 * security-scan and security-rescan go to docs/screenshots/.
 */
@ExtendWith(RealServicesExtension.class)
class SecurityBrowserTest {
    /** An API key in clear (prefix, 43 random and 6 checksum characters): no log may hold one. */
    private static final Pattern API_KEY = Pattern.compile("bwk_(live|test)_[0-9A-Za-z]{49}");

    @Test
    void aTenantScansItsApiThroughTheGatewayFixesItAndSeesTheFindingsFixed(TestDatabase database, TestRedis redis,
                                                                           @TempDir Path home) throws Exception {
        BrowserScript browser = new BrowserScript();
        try (PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
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
        Path contract = home.resolve("planted-flaw-api.yaml");
        Files.writeString(contract, PlantedFlawApi.contract());
        String log = browser.run("security.mjs", Map.ofEntries(
                Map.entry("BASE_URL", platform.controlPlaneUrl()),
                Map.entry("GATEWAY_READY_URL", gateway.readyUrl()),
                Map.entry("FLAWED_URL", flawed.baseUrl().toString()),
                Map.entry("FIXED_URL", fixed.baseUrl().toString()),
                Map.entry("CONTRACT_FILE", contract.toString()),
                Map.entry("SCREENSHOT_DIR", browser.root().resolve("docs/screenshots").toString())), home, Duration.ofMinutes(12));
        assertThat(log).contains("e2e security: passed");

        // Both scans went through the gateway (which strips /shop and the key): each twin got the probes.
        assertThat(flawed.received()).as("the first scan reached the flawed twin").contains("GET /orders", "GET /admin/users");
        assertThat(fixed.received()).as("the rescan reached the fixed twin").contains("GET /orders", "GET /admin/users");
        // BOLA: the second test consumer asked each twin for an order of the first.
        assertThat(flawed.received()).anyMatch(line -> line.startsWith("GET /orders/ord-"));
        assertThat(fixed.received()).anyMatch(line -> line.startsWith("GET /orders/ord-"));
        // Read-only by default: neither twin saw a write.
        for (List<String> received : List.of(flawed.received(), fixed.received())) {
            assertThat(received).noneMatch(line -> line.startsWith("POST ") || line.startsWith("PUT ")
                    || line.startsWith("PATCH ") || line.startsWith("DELETE "));
        }
        for (String screenshot : List.of("security-audit", "security-scan", "security-rescan")) {
            assertThat(browser.root().resolve("docs/screenshots/" + screenshot + ".png")).isRegularFile();
        }
        // The keys the control plane issued to its test consumers never reach a log of the platform.
        for (String name : List.of("control-plane.log", gateway.name + ".log")) {
            Path file = platform.logs().resolve(name);
            if (Files.exists(file)) {
                assertThat(API_KEY.matcher(Files.readString(file)).find()).as(name + " holds an API key").isFalse();
            }
        }
    }
}
