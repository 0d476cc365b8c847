package dev.bulwark.securitytesting.audit.model;

import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is about, independent of any document: feeds the SARIF rule table and the docs.
 * {@code severity} is the usual one; a rule may raise or lower it per finding. {@code part} is the
 * half of the score its findings count against.
 */
public record RuleDescriptor(String id, String title, OwaspApiTop10 category, Severity severity, String remediation,
        ScorePart part) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public RuleDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Rule id must be kebab-case: " + id);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(part, "part");
    }

    public RuleDescriptor(String id, String title, OwaspApiTop10 category, Severity severity, String remediation) {
        this(id, title, category, severity, remediation, ScorePart.SECURITY);
    }

    /** A problem of the document as a whole. */
    public Finding finding(JsonPointer location, String message) {
        return finding(location, message, severity);
    }

    public Finding finding(JsonPointer location, String message, Severity actualSeverity) {
        return new Finding(id, actualSeverity, category, message, location, remediation, List.of());
    }

    /** A problem of one operation. */
    public Finding finding(ApiOperation operation, JsonPointer location, String message) {
        return finding(List.of(operation), location, message, severity);
    }

    public Finding finding(ApiOperation operation, JsonPointer location, String message, Severity actualSeverity) {
        return finding(List.of(operation), location, message, actualSeverity);
    }

    /** A problem shared by several operations, e.g. in a component they all use. */
    public Finding finding(Collection<ApiOperation> operations, JsonPointer location, String message) {
        return finding(operations, location, message, severity);
    }

    public Finding finding(Collection<ApiOperation> operations, JsonPointer location, String message,
            Severity actualSeverity) {
        return new Finding(id, actualSeverity, category, message, location, remediation,
                operations.stream().map(ApiOperation::key).distinct().toList());
    }
}
