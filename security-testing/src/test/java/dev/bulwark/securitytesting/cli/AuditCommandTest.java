package dev.bulwark.securitytesting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.securitytesting.audit.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command in-process and checks exit codes and outputs, as a CI job would see them. */
class AuditCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = AuditCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    private static String fixture(String name) {
        return Fixtures.path(name).toString();
    }

    @Test
    void securedDocumentPassesAStrictThreshold() {
        int code = run(fixture(Fixtures.SECURED), "--fail-under", "90");

        assertThat(code).isEqualTo(AuditCommand.PASSED);
        assertThat(out.toString()).contains("Score 100/100, grade A; no findings");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void insecureDocumentFailsTheThresholdWithExitCode1() {
        int code = run(fixture(Fixtures.INSECURE), "--fail-under", "50");

        assertThat(code).isEqualTo(AuditCommand.FAILED);
        assertThat(out.toString()).contains("CRITICAL  unprotected-object-id").contains("(line 59)");
        assertThat(err.toString()).contains("below --fail-under 50");
    }

    @Test
    void withoutThresholdEveryParsableDocumentPasses() {
        assertThat(run(fixture(Fixtures.INSECURE))).isEqualTo(AuditCommand.PASSED);
    }

    @Test
    void unparsableDocumentExitsWith1AndShowsTheParserMessages(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "info: {title: t}\npaths: {}\n");

        int code = run(broken.toString());

        assertThat(code).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("Cannot audit").contains("attribute openapi is missing");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingFileExitsWith1(@TempDir Path dir) {
        assertThat(run(dir.resolve("absent.yaml").toString())).isEqualTo(AuditCommand.FAILED);
        assertThat(err.toString()).contains("Cannot read");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run()).isEqualTo(AuditCommand.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--format", "xml")).isEqualTo(AuditCommand.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--fail-under", "101")).isEqualTo(AuditCommand.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--fail-under", "high")).isEqualTo(AuditCommand.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--no-such-option")).isEqualTo(AuditCommand.USAGE);
        assertThat(err.toString()).contains("--fail-under must be within 0..100");
    }

    @Test
    void sarifGoesToTheOutputFileAndTheVerdictToStderr(@TempDir Path dir) throws Exception {
        Path sarif = dir.resolve("audit.sarif");

        int code = run(fixture(Fixtures.INSECURE), "--format", "sarif", "--output", sarif.toString(),
                "--fail-under", "80");

        assertThat(code).isEqualTo(AuditCommand.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("Score 0/100 (grade F)");
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/results").size()).isPositive();
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .endsWith("fixtures/petstore-insecure.yaml");
    }

    @Test
    void jsonFormatIsCaseInsensitiveAndCanCarryTheThreatModel() throws Exception {
        int code = run(fixture(Fixtures.SECURED), "--format", "JSON", "--threats");

        assertThat(code).isEqualTo(AuditCommand.PASSED);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("score").asInt()).isEqualTo(100);
        assertThat(report.path("findings")).isEmpty();
        assertThat(report.at("/threatModel/operations")).hasSize(4);
        assertThat(report.at("/threatModel/threats").size()).isPositive();
    }

    @Test
    void versionAndHelpExitWith0() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("bulwark-audit ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:");
    }
}
