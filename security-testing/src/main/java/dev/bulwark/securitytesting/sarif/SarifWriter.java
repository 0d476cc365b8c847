package dev.bulwark.securitytesting.sarif;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes an audit as a SARIF 2.1.0 log, the format GitHub code scanning, GitLab and most IDE
 * viewers import. One run, one artifact (the audited document); every rule of the audit is listed
 * whether or not it fired, so viewers can show what was checked.
 */
public final class SarifWriter {

    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public static final String TOOL_NAME = "Bulwark API audit";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // Callers own the writer (it may be stdout); Jackson must not close it.
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    /** @param artifactUri how viewers should find the document, ideally relative to the repository root */
    public void write(AuditReport report, String artifactUri, Writer out) throws IOException {
        mapper.writeValue(out, toJson(report, artifactUri));
    }

    public ObjectNode toJson(AuditReport report, String artifactUri) {
        ObjectNode log = mapper.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        driver.put("informationUri", "https://owasp.org/API-Security/editions/2023/en/0x11-t10/");
        driver.put("semanticVersion", version());
        Map<String, Integer> ruleIndex = new HashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (RuleDescriptor rule : report.rules()) {
            ruleIndex.put(rule.id(), ruleIndex.size());
            rules.add(rule(rule));
        }
        run.putArray("artifacts").addObject().putObject("location").put("uri", artifactUri);
        ArrayNode results = run.putArray("results");
        Map<String, Integer> sharedPlaces = new HashMap<>();
        report.findings().forEach(f -> sharedPlaces.merge(place(f), 1, Integer::sum));
        for (Finding finding : report.findings()) {
            results.add(result(finding, ruleIndex, artifactUri, report.document(), sharedPlaces.get(place(finding)) > 1));
        }
        ObjectNode properties = run.putObject("properties");
        properties.put("score", report.score().value());
        properties.put("grade", report.score().grade().name());
        properties.put("securityScore", report.score().security());
        properties.put("dataValidationScore", report.score().dataValidation());
        return log;
    }

    private ObjectNode rule(RuleDescriptor rule) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", rule.id());
        node.putObject("shortDescription").put("text", rule.title());
        node.putObject("fullDescription").put("text", rule.title() + " (" + rule.category().label() + ").");
        node.putObject("help").put("text", rule.remediation());
        node.put("helpUri", rule.category().helpUri().toString());
        node.putObject("defaultConfiguration").put("level", level(rule.severity()));
        ObjectNode properties = node.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add("security");
        tags.add("OWASP-API-Top-10-2023");
        tags.add(rule.category().id());
        // GitHub code scanning ranks alerts by this 0.0–10.0 number, CVSS-like.
        properties.put("security-severity", securitySeverity(rule.severity()));
        return node;
    }

    private ObjectNode result(Finding finding, Map<String, Integer> ruleIndex, String artifactUri,
            ApiDocument document, boolean placeShared) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ruleId", finding.ruleId());
        Integer index = ruleIndex.get(finding.ruleId());
        if (index != null) {
            node.put("ruleIndex", index);
        }
        node.put("level", level(finding.severity()));
        node.putObject("message").put("text", finding.message());
        ObjectNode location = node.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", artifactUri).put("index", 0);
        document.nearestPosition(finding.location()).ifPresent(position -> physical.putObject("region")
                .put("startLine", position.line())
                .put("startColumn", position.column()));
        if (!finding.location().isRoot()) {
            location.putArray("logicalLocations").addObject()
                    .put("fullyQualifiedName", finding.location().toString());
        }
        // Code-scanning services merge results that share a fingerprint, so each finding gets its own.
        // Line numbers shift with unrelated edits: rule and pointer identify the issue, and the message
        // (which names no line) tells apart the findings of one rule at one place.
        node.putObject("partialFingerprints").put("bulwarkFinding/v2", fingerprint(finding, placeShared));
        ObjectNode properties = node.putObject("properties");
        properties.put("severity", finding.severity().name());
        properties.put("owasp", finding.owaspCategory().id());
        properties.put("jsonPointer", finding.location().toString());
        ArrayNode operations = properties.putArray("operations");
        finding.operations().forEach(operations::add);
        return node;
    }

    /** SARIF has three result levels; critical and high both block, medium warns, the rest inform. */
    public static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String place(Finding finding) {
        return finding.ruleId() + "\u0000" + finding.location();
    }

    static String fingerprint(Finding finding, boolean placeShared) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = String.join("\u0000", finding.ruleId(), finding.location().toString(),
                    placeShared ? finding.message() + "\u0000" + finding.severity() : "");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String version() {
        String version = SarifWriter.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
