package dev.bulwark.securitytesting.sarif;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a scan as a SARIF 2.1.0 log, in the same shape as the audit's: every check is a rule,
 * every finding a result located at its operation in the contract (the line where the operation is
 * written), with the evidence in its properties and a fingerprint of its own.
 */
public final class ScanSarifWriter {
    public static final String TOOL_NAME = "Bulwark API scan";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    public void write(ScanReport report, ApiDocument document, String artifactUri, Writer out) throws IOException {
        mapper.writeValue(out, toJson(report, document, artifactUri));
    }

    public ObjectNode toJson(ScanReport report, ApiDocument document, String artifactUri) {
        ObjectNode log = mapper.createObjectNode();
        log.put("$schema", SarifWriter.SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL_NAME);
        driver.put("informationUri", "https://owasp.org/API-Security/editions/2023/en/0x11-t10/");
        Map<String, Integer> ruleIndex = new HashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (CheckDescriptor check : report.checks()) {
            if (ruleIndex.putIfAbsent(check.id(), ruleIndex.size()) == null) {
                rules.add(rule(check));
            }
        }
        run.putArray("artifacts").addObject().putObject("location").put("uri", artifactUri);
        ArrayNode results = run.putArray("results");
        Set<String> fingerprints = new HashSet<>();
        for (ScanFinding finding : report.findings()) {
            results.add(result(finding, ruleIndex, document, artifactUri, fingerprints));
        }
        ObjectNode properties = run.putObject("properties");
        properties.put("target", report.target().toString());
        properties.put("outcome", report.outcome().name());
        properties.put("requestsSent", report.requestsSent());
        properties.put("writesAllowed", report.writesAllowed());
        return log;
    }

    private ObjectNode rule(CheckDescriptor check) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", check.id());
        node.putObject("shortDescription").put("text", check.title());
        node.putObject("fullDescription").put("text", check.title() + " (" + check.category().label() + ").");
        node.putObject("help").put("text", check.remediation());
        node.put("helpUri", check.category().helpUri().toString());
        node.putObject("defaultConfiguration").put("level", SarifWriter.level(check.severity()));
        ObjectNode properties = node.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add("security");
        tags.add("dast");
        tags.add("OWASP-API-Top-10-2023");
        tags.add(check.category().id());
        properties.put("security-severity", SarifWriter.securitySeverity(check.severity()));
        return node;
    }

    private ObjectNode result(ScanFinding finding, Map<String, Integer> ruleIndex, ApiDocument document, String artifactUri,
            Set<String> fingerprints) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ruleId", finding.checkId());
        Integer index = ruleIndex.get(finding.checkId());
        if (index != null) {
            node.put("ruleIndex", index);
        }
        node.put("level", SarifWriter.level(finding.severity()));
        node.putObject("message").put("text", finding.message());
        ObjectNode location = node.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", artifactUri).put("index", 0);
        Optional<ApiOperation> operation = document.operations().stream()
                .filter(op -> op.key().equals(finding.operation())).findFirst();
        operation.flatMap(op -> document.nearestPosition(op.location())).ifPresent(position -> physical.putObject("region")
                .put("startLine", position.line()).put("startColumn", position.column()));
        location.putArray("logicalLocations").addObject().put("fullyQualifiedName", finding.operation()
                + (finding.parameter() == null ? "" : " " + finding.parameter()));
        node.putObject("partialFingerprints").put("bulwarkScanFinding/v1", fingerprint(finding, fingerprints));
        ObjectNode properties = node.putObject("properties");
        properties.put("severity", finding.severity().name());
        properties.put("owasp", finding.owaspCategory().id());
        properties.put("operation", finding.operation());
        if (finding.parameter() != null) {
            properties.put("parameter", finding.parameter());
        }
        properties.put("evidence", finding.evidence());
        return node;
    }

    /** SHA-256 of check, operation and parameter; a repeat (same identity twice) also hashes its message. */
    private static String fingerprint(ScanFinding finding, Set<String> taken) {
        String key = finding.identity();
        String hash = sha256(key);
        if (!taken.add(hash)) {
            hash = sha256(key + "\u0000" + finding.message() + "\u0000" + taken.size());
            taken.add(hash);
        }
        return hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
