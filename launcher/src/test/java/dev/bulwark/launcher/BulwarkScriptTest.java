package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bulwark} script itself, run with bash in a copy of the repository's layout where
 * {@code ./mvnw} and {@code java} are stand-ins that record their calls: {@code up} builds when a jar is
 * missing or a source is newer than its jar (after a {@code git pull}), and not otherwise.
 */
class BulwarkScriptTest {
    private static final List<String> JARS = List.of("launcher/target/bulwark-launcher.jar",
            "control-plane/target/bulwark-control-plane.jar", "data-plane/target/bulwark-data-plane.jar");
    @TempDir Path root;

    @BeforeEach
    void aCheckoutWithStandIns() throws IOException {
        Path repository = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
        Files.copy(repository.resolve("bulwark"), root.resolve("bulwark"));
        write("infra/java.sh", "bulwark_find_java() { JAVA_HOME=$ROOT/jdk; export JAVA_HOME; }\n");
        executable("jdk/bin/java", "#!/usr/bin/env bash\necho \"java ran: $*\"\n");
        executable("mvnw", "#!/usr/bin/env bash\necho \"$*\" >>\"$(dirname \"$0\")/mvnw.calls\"\n"
                + String.join("\n", JARS.stream().map(jar -> "mkdir -p $(dirname " + jar + ") && touch " + jar).toList()) + "\n");
        executable("bulwark", Files.readString(root.resolve("bulwark")));
        for (String source : List.of("pom.xml", "launcher/src/main/java/A.java", "contracts/src/main/java/B.java",
                "control-plane/src/main/java/C.java", "data-plane/src/main/java/D.java", "security-testing/pom.xml", "billing/pom.xml",
                "portal-web/src/main.tsx", "portal-web/package.json")) {
            write(source, "source\n");
        }
    }

    @Test
    void upBuildsMissingJarsThenRunsTheLauncher() throws Exception {
        String output = run("up");

        assertThat(builds()).as("one build of the three planes' jars").hasSize(1);
        assertThat(builds().getFirst()).contains("package").contains("-pl launcher,control-plane,data-plane");
        assertThat(output).contains("java ran: -Xmx256m -jar launcher/target/bulwark-launcher.jar up");
    }

    @Test
    void upDoesNotRebuildUpToDateJarsButDoesOnceASourceIsNewer() throws Exception {
        run("up");
        run("up");
        assertThat(builds()).as("the jars are newer than every source").hasSize(1);

        Path changed = root.resolve("data-plane/src/main/java/D.java");
        FileTime jarTime = Files.getLastModifiedTime(root.resolve(JARS.get(2)));
        Files.setLastModifiedTime(changed, FileTime.from(jarTime.toInstant().plus(Duration.ofSeconds(10))));
        String output = run("up");

        assertThat(builds()).as("a pulled source is newer than its jar").hasSize(2);
        assertThat(output).contains("sources changed");
    }

    @Test
    void withoutACommandTheLauncherPrintsHelpAndNothingIsBuiltButTheLauncher() throws Exception {
        String output = run();

        assertThat(builds()).singleElement().asString().contains("-pl launcher").doesNotContain("control-plane");
        assertThat(output).contains("java ran: -Xmx256m -jar launcher/target/bulwark-launcher.jar").doesNotContain("jar up");
    }

    private List<String> builds() throws IOException {
        Path calls = root.resolve("mvnw.calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String run(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("bulwark").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder bash = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        bash.environment().remove("BULWARK_KEYCLOAK");
        bash.environment().put("TMPDIR", root.toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void executable(String relative, String text) throws IOException {
        write(relative, text);
        Files.setPosixFilePermissions(root.resolve(relative), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
