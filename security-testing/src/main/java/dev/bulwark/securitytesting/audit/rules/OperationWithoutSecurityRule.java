package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import java.util.List;

/**
 * A read operation that anonymous callers may use: the document accepts them and the gateway
 * does not authenticate either. Write operations are left to {@link WriteWithoutSecurityRule},
 * which rates them higher; one problem, one finding. Log-in, sign-up and token endpoints are
 * anonymous by design and left to {@link UnthrottledBusinessFlowRule}.
 */
public final class OperationWithoutSecurityRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("operation-without-security",
            "Operation can be called without authentication", OwaspApiTop10.API2, Severity.MEDIUM,
            "Require a security scheme for the operation (or globally), or attach an api-key or jwt policy at the "
                    + "gateway. If it is public on purpose, say so in its description and make sure it exposes "
                    + "nothing tenant-specific.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        return target.document().operations().stream()
                .filter(op -> !op.isWrite() && isAnonymous(target, op))
                .map(op -> DESCRIPTOR.finding(op, op.location(), op.key() + " " + why(target, op)))
                .toList();
    }

    /** Anonymous callers get through, and the operation is not one that must accept them. */
    static boolean isAnonymous(AuditTarget target, ApiOperation op) {
        return target.allowsAnonymous(op)
                && !NameHeuristics.isAuthenticationFlow(op.path(), op.operationId(), op.method() == HttpMethod.POST);
    }

    static String why(AuditTarget target, ApiOperation op) {
        String gateway = target.gateway().known() ? " and the gateway does not authenticate it" : "";
        return target.document().effectiveSecurity(op).isEmpty()
                ? "has no security requirement" + gateway + ", so anyone can call it."
                : "lists an empty security requirement '{}', which makes authentication optional" + gateway + ".";
    }
}
