package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A secured operation (by the document or by the gateway) that does not document how it refuses
 * callers: neither 401 nor 403 (nor a 4XX range). Undocumented refusals tend to be inconsistent
 * (a 404 here, a 500 with a stack trace there) and clients cannot handle them. Declaring one of
 * the two is enough: many APIs legitimately have no 403.
 */
public final class MissingAuthErrorResponsesRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-auth-error-responses",
            "Secured operation declares neither 401 nor 403", OwaspApiTop10.API8, Severity.LOW,
            "Declare 401 (missing or invalid credentials) and 403 (authenticated but not allowed) with a uniform, "
                    + "non-verbose error body such as RFC 9457 problem details.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            if (target.allowsAnonymous(op)) {
                continue;
            }
            Set<String> statuses = target.document().responses(op).keySet();
            if (!statuses.contains("401") && !statuses.contains("403") && !statuses.contains("4XX")
                    && !statuses.contains("4xx")) {
                out.add(DESCRIPTOR.finding(op, op.location().child("responses"),
                        op.key() + " requires authentication but declares neither 401 nor 403."));
            }
        }
        return out;
    }
}
