package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;

/**
 * A read operation that anonymous callers may use. Write operations are left to
 * {@link WriteWithoutSecurityRule}, which rates them higher; one problem, one finding.
 */
public final class OperationWithoutSecurityRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("operation-without-security",
            "Operation can be called without authentication", OwaspApiTop10.API2, Severity.MEDIUM,
            "Require a security scheme for the operation (or globally). If it is public on purpose, say so "
                    + "in its description and make sure it exposes nothing tenant-specific.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(ApiDocument document) {
        return document.operations().stream()
                .filter(op -> !op.isWrite() && document.allowsAnonymous(op))
                .map(op -> DESCRIPTOR.finding(op.location(), op.key() + " " + why(document, op)))
                .toList();
    }

    static String why(ApiDocument document, ApiOperation op) {
        return document.effectiveSecurity(op).isEmpty()
                ? "has no security requirement, so anyone can call it."
                : "lists an empty security requirement '{}', which makes authentication optional.";
    }
}
