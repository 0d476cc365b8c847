package dev.bulwark.securitytesting.audit.model;

import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is about, independent of any document: feeds the SARIF rule table and the docs.
 * {@code severity} is the usual one; a rule may raise or lower it per finding.
 */
public record RuleDescriptor(String id, String title, OwaspApiTop10 category, Severity severity, String remediation) {

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
    }

    public Finding finding(JsonPointer location, String message) {
        return finding(location, message, severity);
    }

    public Finding finding(JsonPointer location, String message, Severity actualSeverity) {
        return new Finding(id, actualSeverity, category, message, location, remediation);
    }
}
