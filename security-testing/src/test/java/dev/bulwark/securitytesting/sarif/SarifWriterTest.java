package dev.bulwark.securitytesting.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.Fixtures;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writes the insecure fixture as SARIF, reads it back as plain JSON and checks the structure. */
class SarifWriterTest {

    private static final String URI = "specs/petstore-insecure.yaml";

    private static AuditReport report;
    private static JsonNode log;

    @BeforeAll
    static void writeAndReadBack() throws Exception {
        report = ApiAuditor.withDefaultRules().audit(Fixtures.load(Fixtures.INSECURE));
        StringWriter out = new StringWriter();
        new SarifWriter().write(report, URI, out);
        log = new ObjectMapper().readTree(out.toString());
    }

    @Test
    void satisfiesTheRequiredPartsOfTheSarif21Schema() {
        List<String> problems = SarifShape.problems(log);

        assertThat(problems).isEmpty();
    }

    @Test
    void declaresVersionSchemaAndTool() {
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
        assertThat(log.path("runs")).hasSize(1);
        assertThat(log.at("/runs/0/tool/driver/name").asText()).isEqualTo("Bulwark API audit");
    }

    @Test
    void listsEveryRuleWithOwaspTagAndHelpPage() {
        JsonNode rules = log.at("/runs/0/tool/driver/rules");

        assertThat(rules).hasSize(report.rules().size());
        JsonNode bola = find(rules, "unprotected-object-id");
        assertThat(bola.at("/shortDescription/text").asText()).isEqualTo("Object identifier accepted without authentication");
        assertThat(bola.path("helpUri").asText())
                .isEqualTo("https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/");
        assertThat(texts(bola.at("/properties/tags"))).contains("security", "API1:2023");
        assertThat(bola.at("/properties/security-severity").asText()).isEqualTo("8.0");
    }

    @Test
    void oneResultPerFindingWithMatchingRuleIndexLevelAndLocations() {
        JsonNode results = log.at("/runs/0/results");
        JsonNode rules = log.at("/runs/0/tool/driver/rules");

        assertThat(results).hasSize(report.findings().size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            Finding finding = report.findings().get(i);
            assertThat(result.path("ruleId").asText()).isEqualTo(finding.ruleId());
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(finding.ruleId());
            assertThat(result.path("level").asText()).isEqualTo(SarifWriter.level(finding.severity()));
            assertThat(result.at("/message/text").asText()).isEqualTo(finding.message());
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(URI);
            if (!finding.location().isRoot()) {
                assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                        .isEqualTo(finding.location().toString());
            }
        }
    }

    @Test
    void regionPointsAtTheLineOfTheOffendingNode() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.path(Fixtures.INSECURE));
        int deleteLine = lines.indexOf("    delete:") + 1;
        JsonNode result = findResult("unprotected-object-id", "/paths/~1pets~1{petId}/delete");

        assertThat(deleteLine).isPositive();
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(deleteLine);
        assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(5);
        assertThat(result.path("level").asText()).isEqualTo("error");
    }

    @Test
    void severitiesMapOntoSarifLevels() {
        assertThat(SarifWriter.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(SarifWriter.level(Severity.HIGH)).isEqualTo("error");
        assertThat(SarifWriter.level(Severity.MEDIUM)).isEqualTo("warning");
        assertThat(SarifWriter.level(Severity.LOW)).isEqualTo("note");
        assertThat(SarifWriter.level(Severity.INFO)).isEqualTo("note");
    }

    @Test
    void fingerprintsAreUniqueAndIgnoreLineNumbers() {
        Set<String> fingerprints = new HashSet<>();
        log.at("/runs/0/results").forEach(r -> fingerprints.add(r.at("/partialFingerprints/bulwarkFinding~1v2").asText()));

        assertThat(fingerprints).hasSize(report.findings().size()).doesNotContain("");
    }

    @Test
    void twoFindingsOfOneRuleAtOnePlaceGetDistinctFingerprintsOthersIgnoreTheirMessage() {
        Finding a = new Finding("r", Severity.LOW, OwaspApiTop10.API9, "first", JsonPointer.ROOT, "fix");
        Finding b = new Finding("r", Severity.LOW, OwaspApiTop10.API9, "second", JsonPointer.ROOT, "fix");
        Finding alone = new Finding("r", Severity.LOW, OwaspApiTop10.API9, "text", JsonPointer.of("paths"), "fix");
        Finding reworded = new Finding("r", Severity.LOW, OwaspApiTop10.API9, "other text", JsonPointer.of("paths"), "fix");

        assertThat(SarifWriter.fingerprint(a, true)).isNotEqualTo(SarifWriter.fingerprint(b, true));
        assertThat(SarifWriter.fingerprint(alone, false)).isEqualTo(SarifWriter.fingerprint(reworded, false));
    }

    @Test
    void carriesBothScorePartsAsRunPropertiesAndOperationsPerResult() {
        assertThat(log.at("/runs/0/properties/score").asInt()).isEqualTo(report.score().value());
        assertThat(log.at("/runs/0/properties/grade").asText()).isEqualTo("F");
        assertThat(log.at("/runs/0/properties/securityScore").asInt()).isEqualTo(report.score().security());
        assertThat(log.at("/runs/0/properties/dataValidationScore").asInt()).isEqualTo(report.score().dataValidation());
        JsonNode delete = findResult("unprotected-object-id", "/paths/~1pets~1{petId}/delete");
        assertThat(texts(delete.at("/properties/operations"))).containsExactly("DELETE /pets/{petId}");
    }

    private static JsonNode find(JsonNode rules, String id) {
        for (JsonNode rule : rules) {
            if (rule.path("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    private static JsonNode findResult(String ruleId, String pointer) {
        for (JsonNode result : log.at("/runs/0/results")) {
            if (result.path("ruleId").asText().equals(ruleId)
                    && result.at("/properties/jsonPointer").asText().equals(pointer)) {
                return result;
            }
        }
        throw new AssertionError("no result " + ruleId + " at " + pointer);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
