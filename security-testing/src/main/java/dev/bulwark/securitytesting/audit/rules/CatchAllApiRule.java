package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A contract that describes no concrete operation: {@code paths: {}}, or only wildcard paths
 * such as {@code /{proxy+}} or {@code /*}. The gateway then forwards every path and method, and can
 * validate, authorise per operation or rate-limit per operation nothing. A webhook-only document is
 * not reported when audited alone (it describes what the API sends), but is when it is published
 * to the gateway, which then serves it as a catch-all.
 */
public final class CatchAllApiRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("catch-all-api",
            "Contract describes no concrete operation", OwaspApiTop10.API9, Severity.CRITICAL,
            "Describe every operation the upstream serves (path, method, parameters, bodies, responses) so the "
                    + "gateway routes and validates only those, and refuses the rest.", ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<ApiOperation> operations = document.operations();
        if (operations.isEmpty()) {
            if (!document.webhooks().isEmpty() && !target.gateway().known()) {
                return List.of();
            }
            return List.of(DESCRIPTOR.finding(JsonPointer.of("paths"), "The document describes no operation, so "
                    + "the gateway forwards every path and method below the API's base path."));
        }
        if (operations.stream().allMatch(op -> isWildcard(op.path()))) {
            return List.of(DESCRIPTOR.finding(operations, JsonPointer.of("paths"), "Every path is a wildcard ("
                    + operations.stream().map(ApiOperation::path).distinct().collect(Collectors.joining(", "))
                    + "), so the contract says nothing about what the upstream serves."));
        }
        return List.of();
    }

    /** Every segment is a bare template or a glob: it matches any path of its depth or more. */
    static boolean isWildcard(String path) {
        String[] segments = path.split("/");
        boolean any = false;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            any = true;
            boolean template = segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('}') == segment.length() - 1;
            if (!template && !segment.equals("*") && !segment.equals("**")) {
                return false;
            }
        }
        return any;
    }
}
