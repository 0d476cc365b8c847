package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;

/**
 * The gateway does not validate requests against the document: whatever the contract says about
 * types, bounds, formats and unknown properties, the service receives anything.
 */
public final class NoContractValidationRule extends GatewayProtectionRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("no-contract-validation",
            "Gateway does not validate requests against the contract", OwaspApiTop10.API8, Severity.MEDIUM,
            "Attach a 'contract-validation' policy to the API so the gateway refuses requests the document does "
                    + "not allow (unknown operations, wrong types, out-of-bounds values, undeclared properties).",
            ScorePart.DATA_VALIDATION);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    String policyType() {
        return GatewayPolicies.CONTRACT_VALIDATION;
    }

    @Override
    String consequence() {
        return "requests reach the upstream whether or not they match the contract";
    }
}
