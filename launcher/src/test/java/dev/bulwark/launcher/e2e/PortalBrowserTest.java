package dev.bulwark.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal in headless Chromium against the real platform: the control plane serving the built
 * console, a staging data plane and a real upstream. The browser journey itself is the portal's
 * playwright-core script (portal-web/e2e/run.mjs): sign up, publish an API from an OpenAPI file, add a
 * plan, subscribe an application, create a key in the shown-once dialog, send traffic through the
 * gateway until the rate limit answers 429, and see both on the overview; guessed keys through the gateway
 * open a credential-stuffing incident, which the owner finds on the Incidents page and resolves. Then a developer, in the
 * tenant's developer portal (portal-web/e2e/devportal.mjs), finds the API and its reference, signs up,
 * registers an application, subscribes it, creates a key of their own, calls the gateway with it (and with
 * the curl command the API page's Copy button gives, run in a shell with the key in $API_KEY) and sees the
 * call in the application's usage and quota. Screenshots go to docs/screenshots/.
 */
@ExtendWith(RealServicesExtension.class)
class PortalBrowserTest {
    @Test
    void aNewTenantPublishesAnApiAndSeesItsTrafficInTheConsole(TestDatabase database, TestRedis redis, @TempDir Path home)
            throws Exception {
        BrowserScript browser = new BrowserScript();
        Path root = browser.root();

        try (TestUpstream upstream = TestUpstream.start();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            // The operator's configuration: the staging gateway's credential, loopback upstreams for every tenant.
            platform.startControlPlane("staging");
            DataPlane gateway = platform.addDataPlane("gw-staging", "staging");
            platform.startDataPlane(gateway);
            platform.awaitReady(gateway);

            String log = browser.run("run.mjs", Map.of("BASE_URL", platform.controlPlaneUrl(), "GATEWAY_URL", gateway.url(),
                    "UPSTREAM_URL", upstream.url(), "SCREENSHOT_DIR", root.resolve("docs/screenshots").toString()), home,
                    Duration.ofMinutes(8));
            assertThat(log).contains("e2e full: passed");
            assertThat(upstream.received()).as("no key is forwarded to the upstream")
                    .allSatisfy(request -> assertThat(request.hasHeader("X-API-Key")).isFalse());
            assertThat(upstream.received()).filteredOn(request -> request.path().equals("/orders"))
                    .as("the console's key reached the upstream through the gateway (5), and the curl copied from the developer portal (1)")
                    .hasSize(6);
            assertThat(upstream.received()).filteredOn(request -> request.path().equals("/orders/from-developer"))
                    .as("the developer's key, created in the developer portal, reached the upstream").hasSize(1);
            assertThat(upstream.received()).hasSize(7);
            assertThat(log).contains("the copied curl command answered 200");
            for (String screenshot : List.of("signup", "api-detail", "key-created", "overview", "incidents", "incident-detail",
                    "dev-catalog", "dev-api-reference", "dev-signup", "dev-key-created", "dev-app-usage")) {
                assertThat(root.resolve("docs/screenshots/" + screenshot + ".png")).isRegularFile();
            }
        }
    }
}
