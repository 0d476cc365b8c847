package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An operation that takes input but declares no validation error (400, 422 or a 4XX range): the
 * contract does not say that bad input is refused, nor in what shape, so the service is likely to
 * pass it on or fail with a 500.
 */
public final class MissingErrorResponsesRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-validation-error-response",
            "Operation with input declares no 400/422 response", OwaspApiTop10.API8, Severity.LOW,
            "Declare 400 (or 422) with a problem-details body naming the invalid field, and have the gateway's "
                    + "contract validation answer it before the request reaches the service.",
            ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            boolean input = !op.parameters().isEmpty() || target.document().requestBody(op).isPresent();
            Set<String> statuses = target.document().responses(op).keySet();
            if (input && !statuses.contains("400") && !statuses.contains("422") && !statuses.contains("4XX")
                    && !statuses.contains("4xx")) {
                out.add(DESCRIPTOR.finding(op, op.location().child("responses"),
                        op.key() + " takes input but declares neither 400 nor 422."));
            }
        }
        return out;
    }
}
