package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Administrative operations ({@code /admin/...}, {@code /internal/...}) guarded exactly like
 * ordinary ones: same schemes, same scopes. Then any consumer who can call the API can call them,
 * and only the service's own checks (if any) stand between a user and admin functions. An
 * operation with its own gateway IP filter is considered separately protected.
 */
public final class AdminSecurityRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("admin-same-security",
            "Administrative operation has the same security as ordinary ones", OwaspApiTop10.API5, Severity.MEDIUM,
            "Require a dedicated scheme or scope for administrative operations (an admin scope, a separate "
                    + "client), restrict them by network at the gateway (ip-filter), or keep them off the public API.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        Set<Set<String>> ordinary = new HashSet<>();
        for (ApiOperation op : document.operations()) {
            if (!NameHeuristics.isAdministrative(op.path()) && !target.allowsAnonymous(op)) {
                ordinary.add(signature(document.effectiveSecurity(op)));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            if (NameHeuristics.isAdministrative(op.path()) && !target.allowsAnonymous(op)
                    && ordinary.contains(signature(document.effectiveSecurity(op)))
                    && !target.gateway().ownedBy(op).contains(GatewayPolicies.IP_FILTER)) {
                out.add(DESCRIPTOR.finding(op, op.location(), op.key() + " is administrative but requires the "
                        + "same credentials and scopes as ordinary operations."));
            }
        }
        return out;
    }

    /** The accepted alternatives, each as "scheme[scope,scope]" strings, order-free. */
    private static Set<String> signature(List<SecurityRequirement> requirements) {
        Set<String> out = new HashSet<>();
        for (SecurityRequirement requirement : requirements) {
            out.add(new TreeMap<>(requirement).entrySet().stream()
                    .map(e -> e.getKey() + new TreeSet<>(e.getValue() == null ? List.of() : e.getValue()))
                    .reduce("", (a, b) -> a + "&" + b));
        }
        return out;
    }
}
