package dev.bulwark.securitytesting.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Machine-readable report with a shape of our own (SARIF is for code-scanning tools). Built node by
 * node rather than by serialising the records, so the output format is a deliberate contract and
 * does not change when a record does.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // Callers own the writer (it may be stdout); Jackson must not close it.
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private JsonReport() {}

    public static void write(AuditReport report, Optional<ThreatModel> threats, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(report, threats));
    }

    public static ObjectNode toJson(AuditReport report, Optional<ThreatModel> threats) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("document", report.document().origin());
        report.document().convertedFrom().ifPresent(version -> root.put("convertedFrom", "Swagger " + version));
        root.put("score", report.score().value());
        root.put("grade", report.score().grade().name());
        root.put("securityScore", report.score().security());
        root.put("dataValidationScore", report.score().dataValidation());
        root.put("operations", report.operationCount());
        ObjectNode gateway = root.putObject("gateway");
        gateway.put("known", report.gateway().known());
        ArrayNode apiLevel = gateway.putArray("apiLevelPolicies");
        report.gateway().apiLevel().stream().sorted().forEach(apiLevel::add);
        ObjectNode summary = root.putObject("summary");
        report.countBySeverity().forEach((severity, count) -> summary.put(severity.name(), count));
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("ruleId", finding.ruleId());
            node.put("severity", finding.severity().name());
            node.put("owasp", finding.owaspCategory().id());
            node.put("owaspTitle", finding.owaspCategory().title());
            node.put("message", finding.message());
            node.put("location", finding.location().toString());
            report.document().nearestPosition(finding.location()).ifPresent(p -> node.put("line", p.line()));
            node.put("remediation", finding.remediation());
            ArrayNode operations = node.putArray("operations");
            finding.operations().forEach(operations::add);
        }
        threats.ifPresent(model -> threatModel(model, root.putObject("threatModel")));
        return root;
    }

    private static void threatModel(ThreatModel model, ObjectNode node) {
        node.setAll(ThreatModelJson.toJson(model));
    }
}
