package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;

/**
 * An API with operations and no way to authenticate anyone. When the gateway authenticates every
 * operation the API is protected, but the document still hides how: clients and tools cannot
 * know, so that is reported at low severity.
 */
public final class NoSecuritySchemesRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("no-security-schemes",
            "No security scheme is defined", OwaspApiTop10.API2, Severity.HIGH,
            "Declare how clients authenticate under components.securitySchemes (OAuth 2.0 / OpenID Connect, "
                    + "or mutual TLS) and require it globally with a top-level 'security' entry.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        if (document.operations().isEmpty() || !document.securitySchemes().isEmpty()) {
            return List.of();
        }
        JsonPointer at = JsonPointer.of("components", "securitySchemes");
        if (document.operations().stream().allMatch(op -> target.gateway().authenticates(op))) {
            return List.of(DESCRIPTOR.finding(at, "The gateway authenticates every operation, but the document "
                    + "defines no security scheme, so clients cannot learn how to authenticate.", Severity.LOW));
        }
        return List.of(DESCRIPTOR.finding(at,
                "The document defines no security scheme, so none of its operations can require authentication."));
    }
}
