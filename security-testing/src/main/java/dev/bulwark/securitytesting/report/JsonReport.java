package dev.bulwark.securitytesting.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.threatmodel.OperationTraits;
import dev.bulwark.securitytesting.threatmodel.Threat;
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
        root.put("score", report.score().value());
        root.put("grade", report.score().grade().name());
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
            report.document().source().nearestPosition(finding.location())
                    .ifPresent(p -> node.put("line", p.line()));
            node.put("remediation", finding.remediation());
        }
        threats.ifPresent(model -> threatModel(model, root.putObject("threatModel")));
        return root;
    }

    private static void threatModel(ThreatModel model, ObjectNode node) {
        ArrayNode operations = node.putArray("operations");
        for (OperationTraits traits : model.operations()) {
            ObjectNode op = operations.addObject();
            op.put("operation", traits.operationKey());
            ArrayNode names = op.putArray("traits");
            traits.traits().forEach(t -> names.add(t.name()));
        }
        ArrayNode threats = node.putArray("threats");
        for (Threat threat : model.threats()) {
            threats.addObject()
                    .put("operation", threat.operationKey())
                    .put("stride", threat.strideCategory().name())
                    .put("owasp", threat.owaspCategory().id())
                    .put("description", threat.description())
                    .put("mitigation", threat.mitigation());
        }
    }
}
