package dev.bulwark.securitytesting.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.Fixtures;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void summarisesNonZeroSeveritiesMostSevereFirst() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        counts.put(Severity.LOW, 3L);
        counts.put(Severity.CRITICAL, 1L);
        counts.put(Severity.MEDIUM, 0L);

        assertThat(TextReport.summary(counts)).isEqualTo("4 findings (1 critical, 3 low)");
        assertThat(TextReport.summary(Map.of(Severity.HIGH, 1L))).isEqualTo("1 finding (1 high)");
        assertThat(TextReport.summary(Map.of())).isEqualTo("no findings");
    }

    @Test
    void listsFindingsWithLineAndRemediationThenThreats() {
        ApiDocument document = Fixtures.load(Fixtures.INSECURE);
        AuditReport report = ApiAuditor.withDefaultRules().audit(document);
        StringWriter out = new StringWriter();

        TextReport.write(report, Optional.of(ThreatModeler.model(document)), out);

        assertThat(out.toString())
                .contains("Score 32/100, grade F (security 25, data validation 45)")
                .contains("at /servers/0/url (line 7)")
                .contains("Fix: Serve the API and its authorization endpoints over HTTPS only")
                .contains("Affects 2 operations: GET /pets/{petId}, DELETE /pets/{petId}")
                .contains("# Threat model: Pet Store")
                .contains("### `DELETE /pets/{petId}`");
    }
}
