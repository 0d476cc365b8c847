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
        return cli(prepend("audit", args));
    }

    private int cli(String... args) {
        CommandLine cmd = BulwarkAudit.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String fixture(String name) {
        return Fixtures.path(name).toString();
    }

    @Test
    void securedDocumentPassesAStrictThreshold() {
        int code = run(fixture(Fixtures.SECURED), "--fail-under", "90");

        assertThat(code).isEqualTo(BulwarkAudit.PASSED);
        assertThat(out.toString()).contains("Score 100/100, grade A (security 100, data validation 100); no findings");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void insecureDocumentFailsTheThresholdWithExitCode1() {
        int code = run(fixture(Fixtures.INSECURE), "--fail-under", "50");

        assertThat(code).isEqualTo(BulwarkAudit.GATE_FAILED);
        assertThat(out.toString()).contains("CRITICAL  unprotected-object-id").contains("(line 59)");
        assertThat(err.toString()).contains("Gate failed: score 32 is below --fail-under 50");
    }

    @Test
    void eachScorePartAndTheWorstSeverityAreGatesOfTheirOwn() {
        assertThat(run(fixture(Fixtures.INSECURE), "--fail-under-security", "26")).isEqualTo(BulwarkAudit.GATE_FAILED);
        assertThat(err.toString()).contains("security 25 is below --fail-under-security 26");
        assertThat(run(fixture(Fixtures.INSECURE), "--fail-under-security", "25")).isEqualTo(BulwarkAudit.PASSED);
        assertThat(run(fixture(Fixtures.INSECURE), "--fail-under-validation", "46")).isEqualTo(BulwarkAudit.GATE_FAILED);
        assertThat(run(fixture(Fixtures.INSECURE), "--fail-on", "critical")).isEqualTo(BulwarkAudit.GATE_FAILED);
        assertThat(err.toString()).contains("3 finding(s) at or above --fail-on CRITICAL");
        assertThat(run(fixture(Fixtures.SECURED), "--fail-on", "low")).isEqualTo(BulwarkAudit.PASSED);
    }

    @Test
    void gatewayPoliciesChangeTheVerdictOfTheSameDocument() {
        run(fixture(Fixtures.INSECURE), "--format", "json");
        String alone = out.toString();
        out.getBuffer().setLength(0);

        run(fixture(Fixtures.INSECURE), "--format", "json", "--gateway-policies", "api-key,rate-limit");

        assertThat(alone).contains("write-without-security").doesNotContain("no-injection-protection");
        assertThat(out.toString()).doesNotContain("write-without-security")
                .contains("no-injection-protection").contains("no-contract-validation");
    }

    @Test
    void withoutThresholdEveryParsableDocumentPasses() {
        assertThat(run(fixture(Fixtures.INSECURE))).isEqualTo(BulwarkAudit.PASSED);
    }

    @Test
    void unparsableDocumentExitsWith3AndShowsTheParserMessages(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "info: {title: t}\npaths: {}\n");

        int code = run(broken.toString());

        assertThat(code).isEqualTo(BulwarkAudit.UNREADABLE);
        assertThat(err.toString()).contains("Cannot read").contains("attribute openapi is missing");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingFileExitsWith3(@TempDir Path dir) {
        assertThat(run(dir.resolve("absent.yaml").toString())).isEqualTo(BulwarkAudit.UNREADABLE);
        assertThat(err.toString()).contains("Cannot read");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run()).isEqualTo(BulwarkAudit.USAGE);
        assertThat(cli()).isEqualTo(BulwarkAudit.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--fail-on", "severe")).isEqualTo(BulwarkAudit.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--format", "xml")).isEqualTo(BulwarkAudit.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--fail-under", "101")).isEqualTo(BulwarkAudit.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--fail-under", "high")).isEqualTo(BulwarkAudit.USAGE);
        assertThat(run(fixture(Fixtures.SECURED), "--no-such-option")).isEqualTo(BulwarkAudit.USAGE);
        assertThat(err.toString()).contains("score thresholds must be within 0..100");
    }

    @Test
    void sarifGoesToTheOutputFileAndTheVerdictToStderr(@TempDir Path dir) throws Exception {
        Path sarif = dir.resolve("audit.sarif");

        int code = run(fixture(Fixtures.INSECURE), "--format", "sarif", "--output", sarif.toString(),
                "--fail-under", "80");

        assertThat(code).isEqualTo(BulwarkAudit.GATE_FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("Score 32/100 (grade F, security 25, data validation 45)");
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/results").size()).isPositive();
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .endsWith("fixtures/petstore-insecure.yaml");
    }

    @Test
    void jsonFormatIsCaseInsensitiveAndCanCarryTheThreatModel() throws Exception {
        int code = run(fixture(Fixtures.SECURED), "--format", "JSON", "--threats");

        assertThat(code).isEqualTo(BulwarkAudit.PASSED);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("score").asInt()).isEqualTo(100);
        assertThat(report.path("findings")).isEmpty();
        assertThat(report.path("securityScore").asInt()).isEqualTo(100);
        assertThat(report.path("dataValidationScore").asInt()).isEqualTo(100);
        assertThat(report.at("/threatModel/entryPoints")).hasSize(4);
        assertThat(report.at("/threatModel/threats").size()).isPositive();
    }

    @Test
    void threatModelSubcommandWritesJsonOrMarkdown(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("model.json");

        assertThat(cli("threat-model", fixture(Fixtures.INSECURE), "--format", "json", "-o", json.toString(),
                "--gateway-policies", "api-key")).isEqualTo(BulwarkAudit.PASSED);
        JsonNode model = new ObjectMapper().readTree(json.toFile());
        assertThat(model.path("gatewayKnown").asBoolean()).isTrue();
        assertThat(model.path("trustBoundaries")).hasSize(3);

        assertThat(cli("threat-model", fixture(Fixtures.INSECURE))).isEqualTo(BulwarkAudit.PASSED);
        assertThat(out.toString()).startsWith("# Threat model: Pet Store").contains("## Trust boundaries")
                .contains("### `DELETE /pets/{petId}`");
    }

    @Test
    void versionAndHelpExitWith0() {
        assertThat(cli("--version")).isZero();
        assertThat(out.toString()).startsWith("bulwark-audit ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:");
    }
}
