package dev.bulwark.securitytesting.scan.model;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Comparator;
import java.util.Objects;

/**
 * One weakness the scanner observed on the running API.
 *
 * @param operation the operation's key ({@code GET /orders/{id}}), or {@code *} for the whole API
 * @param parameter the parameter or property concerned, or null
 * @param evidence request and response excerpts with every credential redacted
 */
public record ScanFinding(String checkId, Severity severity, OwaspApiTop10 owaspCategory, String operation,
        String parameter, String message, String evidence, String remediation) {

    public static final String WHOLE_API = "*";

    public static final Comparator<ScanFinding> ORDER = Comparator.comparing(ScanFinding::severity)
            .thenComparing(ScanFinding::checkId).thenComparing(ScanFinding::operation)
            .thenComparing(f -> f.parameter() == null ? "" : f.parameter());

    public ScanFinding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(owaspCategory, "owaspCategory");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? "" : evidence;
        remediation = remediation == null ? "" : remediation;
    }

    /**
     * What identifies the finding from one run to the next (check, operation, parameter), so a
     * store can tell new, still present and fixed findings apart and SARIF viewers do not merge two.
     */
    public String identity() {
        return checkId + "|" + operation + "|" + (parameter == null ? "" : parameter);
    }
}
