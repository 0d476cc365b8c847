package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A secured operation that does not document how it refuses callers. Undocumented refusals tend
 * to be inconsistent (a 404 here, a 500 with a stack trace there) and clients cannot handle them.
 */
public final class MissingAuthErrorResponsesRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-auth-error-responses",
            "Secured operation does not declare 401/403", OwaspApiTop10.API8, Severity.LOW,
            "Declare 401 (missing or invalid credentials) and 403 (authenticated but not allowed) with a uniform, "
                    + "non-verbose error body such as RFC 9457 problem details.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(ApiDocument document) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            if (document.allowsAnonymous(op)) {
                continue;
            }
            Set<String> statuses = document.responses(op).keySet();
            boolean range = statuses.contains("4XX");
            List<String> missing = new ArrayList<>();
            if (!range && !statuses.contains("401")) {
                missing.add("401");
            }
            if (!range && !statuses.contains("403")) {
                missing.add("403");
            }
            if (!missing.isEmpty()) {
                out.add(DESCRIPTOR.finding(op.location().child("responses"),
                        op.key() + " requires authentication but does not declare " + String.join(" or ", missing)
                                + "."));
            }
        }
        return out;
    }
}
