package dev.bulwark.securitytesting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.securitytesting.sarif.ScanSarifWriter;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bulwark-audit scan} in-process against the planted-flaw API: reports and exit codes as CI sees them. */
class ScanCommandTest {
    private static TestDatabase database;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    @BeforeAll
    static void database() {
        database = RealServices.newDatabase();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    private int scan(Map<String, String> environment, String... args) {
        CommandLine cmd = BulwarkAudit.commandLine(environment::get);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        return cmd.execute(all);
    }

    private Path contract() throws Exception {
        Path file = directory.resolve("shop.yaml");
        Files.writeString(file, PlantedFlawApi.contract());
        return file;
    }

    private static Map<String, String> identities(PlantedFlawApi api) {
        return Map.of("ALICE", "Bearer " + api.token("alice", "user"), "BOB", "Bearer " + api.token("bob", "user"));
    }

    @Test
    void findings_fail_the_gate_and_are_written_as_sarif_with_a_fingerprint_each() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.flawed(database)) {
            Path sarif = directory.resolve("scan.sarif");
            int code = scan(identities(api), contract().toString(), "--target", api.baseUrl().toString(),
                    "--primary-env", "ALICE", "--secondary-env", "BOB", "--rate", "50", "--format", "sarif",
                    "-o", sarif.toString(), "--fail-on", "high");

            assertThat(code).isEqualTo(BulwarkAudit.GATE_FAILED);
            assertThat(err.toString()).contains("Gate failed:").contains("Scan COMPLETED:");
            JsonNode run = new ObjectMapper().readTree(sarif.toFile()).path("runs").path(0);
            assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo(ScanSarifWriter.TOOL_NAME);
            JsonNode results = run.path("results");
            assertThat(results.size()).isGreaterThan(10);
            Set<String> rules = new HashSet<>();
            run.path("tool").path("driver").path("rules").forEach(rule -> rules.add(rule.path("id").asText()));
            Set<String> fingerprints = new HashSet<>();
            for (JsonNode result : results) {
                assertThat(rules).contains(result.path("ruleId").asText());
                assertThat(fingerprints.add(result.path("partialFingerprints").path("bulwarkScanFinding/v1").asText())).isTrue();
                assertThat(result.path("properties").path("owasp").asText()).startsWith("API");
            }
            JsonNode bola = findFirst(results, "bola");
            assertThat(bola.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt())
                    .as("located at the operation in the contract").isPositive();
            assertThat(sarif).content().doesNotContain(identities(api).get("ALICE").substring(7));
        }
    }

    @Test
    void a_clean_api_passes_the_gate_and_credentials_come_only_from_the_environment() throws Exception {
        try (PlantedFlawApi api = PlantedFlawApi.fixed(database, false)) {
            int code = scan(identities(api), contract().toString(), "--target", api.baseUrl().toString(),
                    "--primary-env", "ALICE", "--secondary-env", "BOB", "--rate", "50", "--fail-on", "critical");

            assertThat(code).isEqualTo(BulwarkAudit.PASSED);
            // Plain HTTP is the only weakness of the fixed twin served without TLS.
            assertThat(out.toString()).contains("1 findings").contains("[HIGH] transport-security");
        }
    }

    @Test
    void an_unset_credential_variable_is_a_usage_error() throws Exception {
        int code = scan(Map.of(), contract().toString(), "--target", "http://127.0.0.1:9", "--primary-env", "NOT_SET");

        assertThat(code).isEqualTo(BulwarkAudit.USAGE);
        assertThat(err.toString()).contains("the environment variable NOT_SET is not set");
    }

    @Test
    void an_unreachable_target_is_not_a_pass() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int code = scan(Map.of("ALICE", "Bearer x"), contract().toString(), "--target", "http://127.0.0.1:" + port,
                "--primary-env", "ALICE", "--rate", "50");

        assertThat(code).isEqualTo(ScanCommand.UNREACHABLE);
        assertThat(err.toString()).contains("The target never answered");
    }

    @Test
    void an_unreadable_document_exits_3() {
        int code = scan(Map.of("ALICE", "Bearer x"), directory.resolve("missing.yaml").toString(), "--target",
                "http://127.0.0.1:9", "--primary-env", "ALICE");

        assertThat(code).isEqualTo(BulwarkAudit.UNREADABLE);
    }

    private static JsonNode findFirst(JsonNode results, String ruleId) {
        for (JsonNode result : results) {
            if (result.path("ruleId").asText().equals(ruleId)) {
                return result;
            }
        }
        throw new AssertionError("no result of " + ruleId);
    }
}
