package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;

/**
 * Anyone may create, change or delete data: function-level authorization is missing entirely,
 * in the document and at the gateway. Log-in and sign-up are exempt (see
 * {@link OperationWithoutSecurityRule#isAnonymous}).
 */
public final class WriteWithoutSecurityRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("write-without-security",
            "State-changing operation can be called without authentication", OwaspApiTop10.API5, Severity.HIGH,
            "Require authentication on every POST, PUT, PATCH and DELETE (a security requirement, or an api-key or "
                    + "jwt policy at the gateway), and restrict each to the roles or OAuth scopes allowed to "
                    + "perform it.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        return target.document().operations().stream()
                .filter(op -> op.isWrite() && OperationWithoutSecurityRule.isAnonymous(target, op))
                .map(op -> DESCRIPTOR.finding(op, op.location(),
                        op.key() + " changes state and " + OperationWithoutSecurityRule.why(target, op)))
                .toList();
    }
}
