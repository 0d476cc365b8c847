package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import java.util.List;

/**
 * Operations served without a protection the gateway offers, judged only when the attached
 * policies are known. One finding per API, listing the operations left out; an API without
 * operations (a catch-all) is left out as a whole.
 */
abstract class GatewayProtectionRule implements AuditRule {

    /** The policy type that provides the protection. */
    abstract String policyType();

    abstract String consequence();

    @Override
    public final List<Finding> check(AuditTarget target) {
        if (!target.gateway().known()) {
            return List.of();
        }
        List<ApiOperation> operations = target.document().operations();
        if (operations.isEmpty()) {
            return target.gateway().apiLevel().contains(policyType()) ? List.of()
                    : List.of(descriptor().finding(JsonPointer.ROOT, "No '" + policyType() + "' policy is attached, "
                            + "so " + consequence() + " on every path of this catch-all API."));
        }
        List<ApiOperation> unprotected = operations.stream()
                .filter(op -> !target.gateway().enforces(op, policyType()))
                .toList();
        if (unprotected.isEmpty()) {
            return List.of();
        }
        String scope = unprotected.size() == operations.size() ? "any operation" : "the operations listed";
        return List.of(descriptor().finding(unprotected, JsonPointer.of("paths"), "No '" + policyType()
                + "' policy applies to " + scope + ", so " + consequence() + "."));
    }
}
