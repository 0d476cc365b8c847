package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;

/** Deprecated operations still served: old code paths that nobody patches but attackers still find. */
public final class DeprecatedOperationRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("deprecated-operation",
            "Deprecated operation is still exposed", OwaspApiTop10.API9, Severity.LOW,
            "Announce a sunset date (Sunset / Deprecation headers), track remaining callers, then retire the "
                    + "operation from the gateway and the document.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        return document.allOperations().stream()
                .filter(ApiOperation::isDeprecated)
                .map(op -> DESCRIPTOR.finding(op, op.location().child("deprecated"),
                        op.key() + " is deprecated but still part of the published API."))
                .toList();
    }
}
