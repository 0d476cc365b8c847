package dev.bulwark.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the portal's playwright-core scripts ({@code portal-web/e2e/*.mjs}) run by the Node binary the
 * portal build downloads, in Debian's headless Chromium. The test fails, with the script's output,
 * when the script fails or overruns; otherwise its output is returned for further assertions.
 */
final class BrowserScript {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Path root = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
    private final Path node = root.resolve("portal-web/node/node");

    /** Checks what every browser test needs, naming how to get what is missing. */
    BrowserScript() {
        assertThat(CHROMIUM).as("Chromium drives the portal's browser tests: apt-get install -y chromium").isExecutable();
        assertThat(node).as("the Node binary the portal build downloads (./mvnw -pl portal-web package)").isExecutable();
        assertThat(root.resolve("portal-web/node_modules/playwright-core")).as("playwright-core (npm ci in portal-web)").isDirectory();
    }

    /** The repository root, where the scripts, the built portal and docs/screenshots are. */
    Path root() {
        return root;
    }

    /**
     * Runs {@code portal-web/e2e/<script>} with {@code environment} (plus {@code CHROMIUM}), its output
     * written to {@code <home>/<script>.log}; asserts that it exits 0 within {@code limit}.
     */
    String run(String script, Map<String, String> environment, Path home, Duration limit) throws Exception {
        Path output = home.resolve(script + ".log");
        ProcessBuilder browser = new ProcessBuilder(node.toString(), root.resolve("portal-web/e2e").resolve(script).toString())
                .directory(root.resolve("portal-web").toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("CHROMIUM", CHROMIUM.toString());
        browser.environment().putAll(env);
        Process run = browser.start();
        boolean finished = run.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("%s finished within %s:\n%s", script, limit, log).isTrue();
        assertThat(run.exitValue()).as("%s:\n%s", script, log).isZero();
        return log;
    }
}
