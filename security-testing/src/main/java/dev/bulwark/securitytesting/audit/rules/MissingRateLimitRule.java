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

/**
 * No 429 response and no rate limit or quota at the gateway: nothing admits to a limit, so clients
 * are not built to back off and the limit, if any, is an afterthought.
 */
public final class MissingRateLimitRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-rate-limit",
            "Operation declares no 429 response", OwaspApiTop10.API4, Severity.LOW,
            "Rate-limit the operation (Bulwark's rate-limit and quota policies do this at the gateway) and document "
                    + "a 429 response with a Retry-After header.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        return target.document().operations().stream()
                .filter(op -> !declaresTooManyRequests(target.document(), op) && !target.gateway().throttles(op))
                .map(op -> DESCRIPTOR.finding(op, op.location().child("responses"),
                        op.key() + " does not declare a 429 Too Many Requests response."))
                .toList();
    }

    static boolean declaresTooManyRequests(ApiDocument document, ApiOperation op) {
        return document.responses(op).containsKey("429");
    }
}
