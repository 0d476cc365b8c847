package dev.bulwark.securitytesting.cli;

import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.report.JsonReport;
import dev.bulwark.securitytesting.report.TextReport;
import dev.bulwark.securitytesting.sarif.ArtifactUris;
import dev.bulwark.securitytesting.sarif.SarifWriter;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit <file>}: audits a document for CI pipelines; the exit code is the verdict of the gates. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audits an OpenAPI document against the OWASP API Security Top 10 (2023).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every gate passed",
                "1:a gate failed (a score below its --fail-under, a finding at or above --fail-on)",
                "2:invalid command line",
                "3:the document cannot be read, parsed or converted"})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DocumentOptions document;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|sarif",
            description = "Report format (default: ${DEFAULT-VALUE}).")
    private ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    private Path output;

    @Option(names = "--fail-under", defaultValue = "0", paramLabel = "SCORE",
            description = "Fail when the overall score (0-100) is below this (default: ${DEFAULT-VALUE}).")
    private int failUnder;

    @Option(names = "--fail-under-security", defaultValue = "0", paramLabel = "SCORE",
            description = "Fail when the security part of the score is below this.")
    private int failUnderSecurity;

    @Option(names = "--fail-under-validation", defaultValue = "0", paramLabel = "SCORE",
            description = "Fail when the data-validation part of the score is below this.")
    private int failUnderValidation;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Fail when a finding is at least this severe (critical, high, medium, low, info).")
    private Severity failOn;

    @Option(names = "--threats", description = "Add the STRIDE threat model to text and json reports.")
    private boolean threats;

    @Override
    public Integer call() throws IOException {
        for (int threshold : new int[] {failUnder, failUnderSecurity, failUnderValidation}) {
            if (threshold < 0 || threshold > 100) {
                throw new ParameterException(spec.commandLine(), "score thresholds must be within 0..100, got " + threshold);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<ApiDocument> loaded = document.load(err);
        if (loaded.isEmpty()) {
            return BulwarkAudit.UNREADABLE;
        }
        AuditReport report = ApiAuditor.withDefaultRules().audit(loaded.get(), document.gateway());
        Optional<ThreatModel> model = threats
                ? Optional.of(ThreatModeler.model(loaded.get(), document.gateway())) : Optional.empty();
        if (output == null) {
            render(report, model, spec.commandLine().getOut());
        } else {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                render(report, model, out);
            }
        }
        List<String> failed = gates(report);
        if (output != null || format != ReportFormat.TEXT) {
            // Keep stdout machine-readable; the verdict goes to stderr for humans reading CI logs.
            err.println("Score " + report.score().value() + "/100 (grade " + report.score().grade() + ", security "
                    + report.score().security() + ", data validation " + report.score().dataValidation() + "), "
                    + report.findings().size() + " findings");
        }
        failed.forEach(reason -> err.println("Gate failed: " + reason));
        err.flush();
        return failed.isEmpty() ? BulwarkAudit.PASSED : BulwarkAudit.GATE_FAILED;
    }

    private List<String> gates(AuditReport report) {
        List<String> failed = new ArrayList<>();
        if (report.score().value() < failUnder) {
            failed.add("score " + report.score().value() + " is below --fail-under " + failUnder);
        }
        if (report.score().security() < failUnderSecurity) {
            failed.add("security " + report.score().security() + " is below --fail-under-security " + failUnderSecurity);
        }
        if (report.score().dataValidation() < failUnderValidation) {
            failed.add("data validation " + report.score().dataValidation() + " is below --fail-under-validation "
                    + failUnderValidation);
        }
        if (failOn != null) {
            long severe = report.findings().stream().filter(f -> f.severity().compareTo(failOn) <= 0).count();
            if (severe > 0) {
                failed.add(severe + " finding(s) at or above --fail-on " + failOn);
            }
        }
        return failed;
    }

    private void render(AuditReport report, Optional<ThreatModel> model, Writer out) throws IOException {
        switch (format) {
            case TEXT -> TextReport.write(report, model, out);
            case JSON -> JsonReport.write(report, model, out);
            case SARIF -> new SarifWriter().write(report, ArtifactUris.of(document.file, Path.of("")), out);
        }
        out.flush();
    }
}
