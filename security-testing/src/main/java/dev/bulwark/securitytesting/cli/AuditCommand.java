package dev.bulwark.securitytesting.cli;

import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.OpenApiParseException;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit <file>}: audits an OpenAPI document for CI pipelines; the exit code is the verdict. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = AuditCommand.Version.class,
        description = "Audits an OpenAPI 3.0/3.1 document against the OWASP API Security Top 10 (2023).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the score is at least --fail-under",
                "1:the score is below --fail-under, or the document cannot be read or parsed",
                "2:invalid command line"})
public final class AuditCommand implements Callable<Integer> {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file>", description = "OpenAPI document, JSON or YAML.")
    private Path file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|sarif",
            description = "Report format (default: ${DEFAULT-VALUE}).")
    private ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    private Path output;

    @Option(names = "--fail-under", defaultValue = "0", paramLabel = "SCORE",
            description = "Exit with 1 when the score (0-100) is below this (default: ${DEFAULT-VALUE}).")
    private int failUnder;

    @Option(names = "--threats", description = "Add the STRIDE threat model to text and json reports.")
    private boolean threats;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new AuditCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws IOException {
        if (failUnder < 0 || failUnder > 100) {
            throw new ParameterException(spec.commandLine(), "--fail-under must be within 0..100, got " + failUnder);
        }
        PrintWriter err = spec.commandLine().getErr();
        ApiDocument document;
        try {
            document = new OpenApiLoader().load(file);
        } catch (OpenApiParseException e) {
            err.println("Cannot audit " + file + ":");
            e.messages().forEach(message -> err.println("  " + message));
            err.flush();
            return FAILED;
        }
        AuditReport report = ApiAuditor.withDefaultRules().audit(document);
        Optional<ThreatModel> model = threats ? Optional.of(ThreatModeler.model(document)) : Optional.empty();
        if (output == null) {
            render(report, model, spec.commandLine().getOut());
        } else {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                render(report, model, out);
            }
        }
        boolean passed = report.passes(failUnder);
        if (output != null || format != ReportFormat.TEXT) {
            // Keep stdout machine-readable; the verdict goes to stderr for humans reading CI logs.
            err.println("Score " + report.score().value() + "/100 (grade " + report.score().grade() + "), "
                    + report.findings().size() + " findings" + (passed ? "" : "; below --fail-under " + failUnder));
        } else if (!passed) {
            err.println("Score " + report.score().value() + " is below --fail-under " + failUnder);
        }
        err.flush();
        return passed ? PASSED : FAILED;
    }

    private void render(AuditReport report, Optional<ThreatModel> model, Writer out) throws IOException {
        switch (format) {
            case TEXT -> TextReport.write(report, model, out);
            case JSON -> JsonReport.write(report, model, out);
            case SARIF -> new SarifWriter().write(report, ArtifactUris.of(file, Path.of("")), out);
        }
        out.flush();
    }

    /** Version from the jar manifest, so the binary reports what it was built as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AuditCommand.class.getPackage().getImplementationVersion();
            return new String[] {"bulwark-audit " + (version == null ? "development build" : version)};
        }
    }
}
