package dev.bulwark.controlplane.securitytest;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.ScanDelta;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the security-testing endpoints return. Evidence is the scanner's, with credentials already redacted. */
public final class ScanViews {
    private ScanViews() {
    }

    /**
     * One finding of a run.
     *
     * @param owasp  the OWASP API Security Top 10 (2023) id, e.g. {@code API1:2023}
     * @param status against the previous run with results: {@code new}, {@code still_present} or (in a run's fixed list) {@code fixed}
     */
    public record FindingView(String checkId, String severity, String owasp, String operation, @Nullable String parameter,
                              String message, String evidence, String remediation, String status) {

        static FindingView of(ScanFinding finding, ScanDelta.Status status) {
            return new FindingView(finding.checkId(), finding.severity().name(), finding.owaspCategory().id(),
                    finding.operation(), finding.parameter(), finding.message(), finding.evidence(), finding.remediation(),
                    status.name().toLowerCase(java.util.Locale.ROOT));
        }

        ScanFinding toFinding() {
            return new ScanFinding(checkId, Severity.valueOf(severity), OwaspApiTop10.valueOf(owasp.substring(0, owasp.indexOf(':'))),
                    operation, parameter, message, evidence, remediation);
        }
    }

    /**
     * A run in a list: enough for the trend chart.
     *
     * @param status     queued, running, completed, budget_spent, cancelled, failed or unreachable
     * @param score      0-100 (see docs/security-testing.md), null until the run finished with results
     * @param bySeverity findings per severity
     */
    public record RunSummary(UUID id, UUID apiId, String trigger, String status, String environment,
                             Instant requestedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                             int requestsSent, @Nullable Integer score, Map<String, Integer> bySeverity,
                             int newFindings, int fixedFindings) {
    }

    /** One line of the run log. */
    public record LogEntry(Instant at, String message) {
    }

    /** A run with its findings, the findings the previous run had and this one no longer has, and the log. */
    public record RunDetail(RunSummary run, @Nullable String error, List<FindingView> findings, List<FindingView> fixed,
                            List<LogEntry> log) {
    }

    /** A finding in the tenant-wide "worst findings" list, with the API it was found on. */
    public record WorstFinding(UUID apiId, String apiName, UUID runId, Instant foundAt, FindingView finding) {
    }

    /**
     * One OWASP API Top 10 risk for one API.
     *
     * @param mitigatedBy   gateway policy types attached to the API that mitigate the risk
     * @param missing       policy types that would mitigate it and are attached nowhere
     * @param testedBy      scanner checks that test it
     * @param openThreats   threats of the model in this category not mitigated by the gateway
     * @param auditFindings findings of the latest audit in this category
     * @param scanFindings  findings of the latest finished scan in this category
     */
    public record CoverageRow(String id, String title, List<String> mitigatedBy, List<String> missing, List<String> testedBy,
                              int openThreats, int auditFindings, int scanFindings) {
    }

    /** A blocked attack kept as a regression check of its API. */
    public record RegressionCheckView(UUID id, UUID apiId, String sourceEventId, String method, String pathAndQuery,
                                      @Nullable String family, Instant createdAt) {
    }
}
