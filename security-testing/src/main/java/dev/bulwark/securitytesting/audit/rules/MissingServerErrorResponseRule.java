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
 * No 500 (or 5XX, or default) response: what a failure looks like is undefined, which is how stack
 * traces, SQL errors and internal host names reach clients.
 */
public final class MissingServerErrorResponseRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-server-error-response",
            "Operation declares no 500 response", OwaspApiTop10.API8, Severity.LOW,
            "Declare 500 (or 'default') with a generic problem-details body, and make sure the service never "
                    + "returns stack traces or internal details in it.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            Set<String> statuses = target.document().responses(op).keySet();
            if (!statuses.contains("500") && !statuses.contains("5XX") && !statuses.contains("5xx")
                    && !statuses.contains("default")) {
                out.add(DESCRIPTOR.finding(op, op.location().child("responses"),
                        op.key() + " declares no 500 or default response."));
            }
        }
        return out;
    }
}
