package dev.bulwark.securitytesting.cli;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.report.ScanJsonReport;
import dev.bulwark.securitytesting.report.ScanTextReport;
import dev.bulwark.securitytesting.sarif.ArtifactUris;
import dev.bulwark.securitytesting.sarif.ScanSarifWriter;
import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.Scanner;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.ScanSettings;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scan <file> --target URL}: runs the active scanner against a running API. Credentials come
 * from environment variables (never the command line, which other users of the machine can read).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scans a running API (through the gateway) for the OWASP API Security Top 10 (2023).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the scan ran and every gate passed",
                "1:a gate failed (a finding at or above --fail-on)",
                "2:invalid command line (also: a credential variable that is not set)",
                "3:the document cannot be read, parsed or converted",
                "4:the target never answered: nothing was tested"})
public final class ScanCommand implements Callable<Integer> {
    /** The target answered no request at all. */
    public static final int UNREACHABLE = 4;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DocumentOptions document;

    @Option(names = "--target", required = true, paramLabel = "URL", description = "Base URL of the API, e.g. the gateway's.")
    private URI target;

    @Option(names = "--auth-header", defaultValue = "Authorization", paramLabel = "NAME",
            description = "Header carrying the credentials (default: ${DEFAULT-VALUE}).")
    private String authHeader;

    @Option(names = "--primary-env", required = true, paramLabel = "VAR",
            description = "Environment variable holding the primary identity's header value (e.g. 'Bearer eyJ…').")
    private String primaryEnv;

    @Option(names = "--secondary-env", paramLabel = "VAR", description = "A second consumer's credential (BOLA).")
    private String secondaryEnv;

    @Option(names = "--expired-env", paramLabel = "VAR", description = "An expired credential, which must be refused.")
    private String expiredEnv;

    @Option(names = "--revoked-env", paramLabel = "VAR", description = "A revoked credential, which must be refused.")
    private String revokedEnv;

    @Option(names = "--allow-writes", description = "Allow POST/PUT/PATCH/DELETE probes (staging environments only).")
    private boolean allowWrites;

    @Option(names = "--max-requests", defaultValue = "500", paramLabel = "N", description = "Request budget (default: ${DEFAULT-VALUE}).")
    private int maxRequests;

    @Option(names = "--rate", defaultValue = "5", paramLabel = "PER_SECOND", description = "Requests per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--rate-limit-burst", defaultValue = "30", paramLabel = "N",
            description = "Requests of the rate-limit burst (default: ${DEFAULT-VALUE}).")
    private int burst;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--ssrf-canary", paramLabel = "HOST:PORT",
            description = "Listen here for SSRF call-backs (an address the API can reach; port 0 picks one).")
    private String ssrfCanary;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|sarif", description = "Report format (default: ${DEFAULT-VALUE}).")
    private ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    private Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Fail when a finding is at least this severe (critical, high, medium, low, info).")
    private Severity failOn;

    private final Function<String, String> environment;

    /** @param environment reads the credential variables (the process environment; tests pass their own) */
    ScanCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    public ScanCommand() {
        this(System::getenv);
    }

    @Override
    public Integer call() throws IOException {
        ScanSettings settings;
        ScanTarget scanTarget;
        PrintWriter err = spec.commandLine().getErr();
        Optional<ApiDocument> loaded = document.load(err);
        if (loaded.isEmpty()) {
            return BulwarkAudit.UNREADABLE;
        }
        try {
            settings = ScanSettings.safeDefaults().withWrites(allowWrites).withBudget(maxRequests, rate).withRateLimitBurst(burst);
            settings = new ScanSettings(settings.allowWrites(), settings.maxRequests(), settings.requestsPerSecond(),
                    Duration.ofSeconds(Math.max(1, timeoutSeconds)), settings.rateLimitBurst(), settings.ssrfCanary(), null);
            if (ssrfCanary != null) {
                settings = settings.withSsrfCanary(canary(ssrfCanary));
            }
            scanTarget = new ScanTarget(target, loaded.get(), identity(primaryEnv).orElseThrow(),
                    identity(secondaryEnv), identity(expiredEnv), identity(revokedEnv));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ScanReport report = Scanner.withDefaultChecks().scan(scanTarget, settings);
        if (output == null) {
            render(report, loaded.get(), spec.commandLine().getOut());
        } else {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                render(report, loaded.get(), out);
            }
        }
        if (output != null || format != ReportFormat.TEXT) {
            err.println("Scan " + report.outcome() + ": " + report.findings().size() + " findings, " + report.requestsSent()
                    + " requests");
        }
        if (report.outcome() != ScanReport.Outcome.COMPLETED) {
            err.println("Warning: the scan did not complete (" + report.outcome() + "); later checks did not run.");
        }
        if (report.requestsAnswered() == 0) {
            err.println("The target never answered: nothing was tested.");
            err.flush();
            return UNREACHABLE;
        }
        long severe = failOn == null ? 0 : report.findings().stream().filter(f -> f.severity().compareTo(failOn) <= 0).count();
        if (severe > 0) {
            err.println("Gate failed: " + severe + " finding(s) at or above --fail-on " + failOn);
        }
        err.flush();
        return severe > 0 ? BulwarkAudit.GATE_FAILED : BulwarkAudit.PASSED;
    }

    private Optional<Identity> identity(String variable) {
        if (variable == null) {
            return Optional.empty();
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the environment variable " + variable + " is not set");
        }
        return Optional.of(new Identity(variable, Map.of(authHeader, value.trim())));
    }

    private static InetSocketAddress canary(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--ssrf-canary must be HOST:PORT, got " + hostPort);
        }
        try {
            return new InetSocketAddress(hostPort.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ssrf-canary must be HOST:PORT, got " + hostPort);
        }
    }

    private void render(ScanReport report, ApiDocument loaded, Writer out) throws IOException {
        switch (format) {
            case TEXT -> ScanTextReport.write(report, out);
            case JSON -> ScanJsonReport.write(report, out);
            case SARIF -> new ScanSarifWriter().write(report, loaded, ArtifactUris.of(document.file, Path.of("")), out);
        }
        out.flush();
    }
}
