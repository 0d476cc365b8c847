package dev.bulwark.securitytesting.audit.model;

import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Comparator;
import java.util.Objects;

/** One problem found in a document, located by JSON pointer. */
public record Finding(String ruleId, Severity severity, OwaspApiTop10 owaspCategory, String message,
        JsonPointer location, String remediation) {

    /** Most severe first, then by place in the document, so reports are stable run to run. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::location)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(owaspCategory, "owaspCategory");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(remediation, "remediation");
    }
}
