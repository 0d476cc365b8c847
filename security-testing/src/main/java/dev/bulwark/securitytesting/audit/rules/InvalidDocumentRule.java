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
 * What the parser complained about while still producing a model. An invalid contract is an
 * inaccurate inventory, and validation built from it (Bulwark's gateway included) will not enforce
 * what the author meant.
 */
public final class InvalidDocumentRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("invalid-openapi",
            "Document does not conform to the OpenAPI specification", OwaspApiTop10.API9, Severity.MEDIUM,
            "Fix the reported errors; validate the document in CI so that it cannot drift from the specification.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        return document.parserMessages().stream()
                .map(message -> DESCRIPTOR.finding(JsonPointer.ROOT, "OpenAPI parser: " + message))
                .toList();
    }
}
