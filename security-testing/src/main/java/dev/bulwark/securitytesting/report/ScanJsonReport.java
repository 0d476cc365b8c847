package dev.bulwark.securitytesting.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.RunLog;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.io.IOException;
import java.io.Writer;

/** A scan as Bulwark's JSON: outcome, checks, findings with evidence, run log. */
public final class ScanJsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private ScanJsonReport() {
    }

    public static void write(ScanReport report, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
    }

    public static ObjectNode toJson(ScanReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("target", report.target().toString());
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        root.put("outcome", report.outcome().name());
        root.put("writesAllowed", report.writesAllowed());
        root.put("requestsSent", report.requestsSent());
        root.put("requestsAnswered", report.requestsAnswered());
        ArrayNode checks = root.putArray("checks");
        for (CheckDescriptor check : report.checks()) {
            checks.addObject().put("id", check.id()).put("title", check.title()).put("owasp", check.category().id())
                    .put("severity", check.severity().name()).put("needsWrites", check.needsWrites());
        }
        ArrayNode completed = root.putArray("checksCompleted");
        report.checksCompleted().forEach(completed::add);
        ArrayNode findings = root.putArray("findings");
        for (ScanFinding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("check", finding.checkId()).put("severity", finding.severity().name())
                    .put("owasp", finding.owaspCategory().id()).put("operation", finding.operation());
            if (finding.parameter() != null) {
                node.put("parameter", finding.parameter());
            }
            node.put("message", finding.message()).put("evidence", finding.evidence()).put("remediation", finding.remediation());
        }
        ArrayNode log = root.putArray("log");
        for (RunLog.Entry entry : report.log()) {
            log.addObject().put("at", entry.at().toString()).put("message", entry.message());
        }
        return root;
    }
}
