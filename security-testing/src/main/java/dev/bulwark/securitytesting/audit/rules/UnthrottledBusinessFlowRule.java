package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;

/**
 * Sensitive business flows (sign-up, login, checkout, transfers, vouchers…) that admit no
 * throttling, in the document or at the gateway. Bots abuse these at scale without breaking any
 * technical rule.
 */
public final class UnthrottledBusinessFlowRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unthrottled-business-flow",
            "Sensitive business flow has no declared throttling", OwaspApiTop10.API6, Severity.MEDIUM,
            "Limit the flow per account, device and IP (a rate-limit policy at the gateway), add friction "
                    + "(CAPTCHA, proof of work, step-up) where automation is not expected, and document the 429 "
                    + "response.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        return target.document().operations().stream()
                .filter(op -> op.isWrite()
                        && NameHeuristics.isBusinessFlow(op.path(), op.operationId())
                        && !MissingRateLimitRule.declaresTooManyRequests(target.document(), op)
                        && !target.gateway().throttles(op))
                .map(op -> DESCRIPTOR.finding(op, op.location(), op.key()
                        + " looks like a sensitive business flow and declares no 429 response."))
                .toList();
    }
}
