package dev.bulwark.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "First steps" as a reader runs them: every command the section shows (its bash blocks
 * and its inline {@code curl} commands without placeholders) is read from README.md and run with bash
 * against the platform as {@code ./bulwark up} configures it (a production gateway, loopback upstreams
 * allowed), with {@code ./bulwark up}'s default ports (8080, 8000, 8100) replaced by the running ones and
 * {@code BULWARK_CP_PORT}/{@code BULWARK_GW_PORT} set as {@code ./bulwark up} would.
 */
@ExtendWith(RealServicesExtension.class)
class ReadmeFirstStepsTest {
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`(curl [^`]+)`");

    @Test
    void everyCommandOfTheFirstStepsWorksAsWritten(TestDatabase database, TestRedis redis, @TempDir Path home) throws Exception {
        Path root = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
        List<String> commands = firstStepsCommands(Files.readString(root.resolve("README.md")));
        assertThat(commands).as("the README's first steps show commands").anySatisfy(c -> assertThat(c).contains("first-request.sh"))
                .anySatisfy(c -> assertThat(c).contains("/health/ready")).anySatisfy(c -> assertThat(c).contains("/elsewhere"));

        try (PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            platform.startControlPlane("production");
            DataPlane gateway = platform.addDataPlane("gw-production", "production");
            platform.startDataPlane(gateway);
            platform.awaitReady(gateway);
            String cpPort = platform.controlPlaneUrl().substring(platform.controlPlaneUrl().lastIndexOf(':') + 1);
            String gwPort = Integer.toString(gateway.port);
            String statusPort = Integer.toString(gateway.statusPort);

            StringBuilder transcript = new StringBuilder();
            for (String command : commands) {
                String local = command.replace("127.0.0.1:8080", "127.0.0.1:" + cpPort).replace("127.0.0.1:8000", "127.0.0.1:" + gwPort)
                        .replace("127.0.0.1:8100", "127.0.0.1:" + statusPort);
                ProcessBuilder bash = new ProcessBuilder("bash", "-c", local).directory(root.toFile()).redirectErrorStream(true);
                bash.environment().put("BULWARK_CP_PORT", cpPort);
                bash.environment().put("BULWARK_GW_PORT", gwPort);
                bash.environment().put("UP_PORT", Integer.toString(freePort()));
                Process run = bash.start();
                String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(run.waitFor(3, TimeUnit.MINUTES)).as(local).isTrue();
                transcript.append("$ ").append(local).append('\n').append(output).append('\n');
                assertThat(run.exitValue()).as("%s\n%s", local, output).isZero();
            }
            String all = transcript.toString();
            System.out.println(all);
            assertThat(all).as("the script's call with the production key").containsPattern("HTTP/1\\.1 200")
                    .contains("API_KEY_MISSING").contains("429")
                    .as("nothing published at /elsewhere").contains("HTTP/1.1 404").containsIgnoringCase("application/problem+json");
        }
    }

    /** The commands of the README's "First steps" section, in order; inline ones with placeholders ({@code <the key>}) are left out. */
    static List<String> firstStepsCommands(String readme) {
        int start = readme.indexOf("## First steps");
        int end = readme.indexOf("\n## ", start + 3);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<Integer> positions = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(section);
        while (block.find()) {
            positions.add(block.start());
            commands.add(block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> a + "\n" + b).orElse(""));
        }
        Matcher inline = INLINE.matcher(section);
        while (inline.find()) {
            if (!inline.group(1).contains("<")) {
                int at = 0;
                while (at < positions.size() && positions.get(at) < inline.start()) {
                    at++;
                }
                positions.add(at, inline.start());
                commands.add(at, inline.group(1));
            }
        }
        return commands;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
