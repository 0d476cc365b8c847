package dev.bulwark.securitytesting.audit.model;

import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One problem found in a document, located by JSON pointer. {@code operations} lists the
 * operations it affects ({@code GET /users/{id}}): one for a problem in an operation, every user
 * for a problem in a shared component, none for a problem of the document as a whole.
 */
public record Finding(String ruleId, Severity severity, OwaspApiTop10 owaspCategory, String message,
        JsonPointer location, String remediation, List<String> operations) {

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
        operations = List.copyOf(operations);
    }

    public Finding(String ruleId, Severity severity, OwaspApiTop10 owaspCategory, String message,
            JsonPointer location, String remediation) {
        this(ruleId, severity, owaspCategory, message, location, remediation, List.of());
    }

    /** True for a problem of the document as a whole rather than of some operations. */
    public boolean documentWide() {
        return operations.isEmpty();
    }

    public Finding withOperations(List<String> affected) {
        return new Finding(ruleId, severity, owaspCategory, message, location, remediation, affected);
    }
}
