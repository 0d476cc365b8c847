package dev.bulwark.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.launcher.LaunchedPlatform;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a new user follows the README's first steps literally, in Chromium, on the
 * platform {@code ./bulwark up} starts ({@link LaunchedPlatform}: its own settings code, its production
 * gateway, loopback upstreams allowed). Its ports are the README's documented settings
 * ({@code BULWARK_CP_PORT}, {@code BULWARK_GW_PORT}, {@code BULWARK_GW_STATUS_PORT}) set to free ports, so
 * a CI box that already uses 8080 still runs it; the README's addresses are read from README.md and moved
 * to those ports by the README's own table of defaults. The journey (portal-web/e2e/first-steps.mjs): sign
 * up at the README's address, create the API with the private-upstream box, serve it in production, the
 * api-key policy, a plan, publish, a developer, an application, a subscription, a key of the default
 * environment (production), the README's curl line with it (200), then the developer portal's copied curl
 * command run in bash (200). Every control the script names must be named the same way in the README.
 */
@ExtendWith(RealServicesExtension.class)
class FirstStepsBrowserTest {
    private static final Pattern PORT_ROW = Pattern.compile("`(?:http://)?127\\.0\\.0\\.1:(\\d+)`\\s*\\|\\s*`(BULWARK_[A-Z_]+_PORT)`");
    private static final Pattern OPEN = Pattern.compile("open <(http://127\\.0\\.0\\.1:\\d+/)>");
    private static final Pattern KEY_CALL = Pattern.compile("`(curl [^`]*<the key>[^`]*)`");
    private static final Pattern DEV_PORTAL = Pattern.compile("at `(http://127\\.0\\.0\\.1:\\d+/portal/dev/)<[^>]+>`");

    @Test
    void aNewUserFollowsTheReadmesFirstStepsOnTheLaunchersOwnPorts(TestDatabase database, TestRedis redis, @TempDir Path home)
            throws Exception {
        BrowserScript browser = new BrowserScript();
        Path root = browser.root();
        String readme = Files.readString(root.resolve("README.md"));
        String firstSteps = firstStepsSection(readme);

        // ./bulwark up's ports, as the README documents them: default -> the setting that moves it.
        Map<String, String> settingOfDefault = new LinkedHashMap<>();
        Matcher row = PORT_ROW.matcher(readme);
        while (row.find()) {
            settingOfDefault.put(row.group(1), row.group(2));
        }
        assertThat(settingOfDefault).as("the README's table of what ./bulwark up starts")
                .containsEntry("8080", "BULWARK_CP_PORT").containsEntry("8000", "BULWARK_GW_PORT").containsEntry("8100", "BULWARK_GW_STATUS_PORT");

        Map<String, String> environment = new HashMap<>();
        environment.put("BULWARK_ROOT", root.toString());
        environment.put("BULWARK_HOME", home.resolve("bulwark").toString());
        environment.put("BULWARK_DB_URL", database.jdbcUrl());
        environment.put("BULWARK_DB_USER", database.username());
        environment.put("BULWARK_DB_PASSWORD", database.password());
        environment.put("BULWARK_REDIS_URL", redis.uri());
        environment.put("BULWARK_REDIS_KEY_PREFIX", redis.keyPrefix());
        Map<String, String> portOfDefault = new HashMap<>();
        for (Map.Entry<String, String> setting : settingOfDefault.entrySet()) {
            String port = Integer.toString(PlatformProcesses.freePort());
            environment.put(setting.getValue(), port);
            portOfDefault.put(setting.getKey(), port);
        }
        String consoleUrl = onRunningPorts(match(OPEN, firstSteps, "step 1's address"), portOfDefault);
        String readmeCall = onRunningPorts(match(KEY_CALL, firstSteps, "the call with <the key>"), portOfDefault);
        String devPortal = onRunningPorts(match(DEV_PORTAL, firstSteps, "the developer portal's address"), portOfDefault);
        String gatewayUrl = "http://127.0.0.1:" + environment.get("BULWARK_GW_PORT");
        String basePath = "/" + URI.create(readmeCall.substring(readmeCall.indexOf("http://"))).getPath().split("/")[1];

        try (TestUpstream upstream = TestUpstream.start(); LaunchedPlatform platform = LaunchedPlatform.up(environment)) {
            assertThat(platform.settings().gatewayPort()).as("./bulwark up read BULWARK_GW_PORT").isEqualTo(Integer.parseInt(environment.get("BULWARK_GW_PORT")));
            Map<String, String> script = new HashMap<>(Map.of("CONSOLE_URL", consoleUrl, "README_CALL", readmeCall, "DEV_PORTAL_URL", devPortal,
                    "BASE_PATH", basePath, "UPSTREAM_URL", upstream.url(),
                    "SCREENSHOT_DIR", Path.of("target", "first-steps").toAbsolutePath().toString()));
            String log = browser.run("first-steps.mjs", script, home, Duration.ofMinutes(6));

            assertThat(log).contains("first steps: passed")
                    .contains("the README's curl line with the production key answered 200")
                    .contains("without the key: 401 API_KEY_MISSING")
                    .contains("copied from the developer portal: curl -i -H \"X-API-Key: $API_KEY\" '" + gatewayUrl + basePath + "/live'")
                    .contains("the developer portal's copied curl command answered 200");
            List<String> named = log.lines().filter(line -> line.startsWith("  readme names: "))
                    .map(line -> line.substring("  readme names: ".length())).toList();
            assertThat(named).as("the controls the journey used").hasSizeGreaterThan(8);
            String asRendered = firstSteps.replaceAll("\\s+", " "); // Markdown reads a line break inside **…** as a space
            assertThat(named).allSatisfy(label -> assertThat(asRendered).as("the README's first steps name the control \"%s\" as the UI does", label)
                    .containsAnyOf("**" + label + "**", "`" + label + "`"));
            assertThat(upstream.received()).filteredOn(request -> request.path().equals("/live"))
                    .as("the README's call and the developer portal's copied command reached the upstream through the gateway")
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(request -> assertThat(request.hasHeader("X-API-Key")).as("the key is not forwarded").isFalse());
            assertThat(platform.allAlive()).as("every process ./bulwark up started still runs").isTrue();
        }
    }

    private static String firstStepsSection(String readme) {
        int start = readme.indexOf("## First steps");
        assertThat(start).as("README.md has a First steps section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String match(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("the README's first steps show %s (%s)", what, pattern).isTrue();
        return matcher.group(1);
    }

    /** The README's addresses use ./bulwark up's default ports; the platform runs on the ports its settings chose. */
    private static String onRunningPorts(String text, Map<String, String> portOfDefault) {
        String moved = text;
        for (Map.Entry<String, String> port : portOfDefault.entrySet()) {
            moved = moved.replace("127.0.0.1:" + port.getKey() + "/", "127.0.0.1:" + port.getValue() + "/");
        }
        return moved;
    }
}
