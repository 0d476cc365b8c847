package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;

/**
 * The gateway does not inspect inputs for injection (SQL, command, path traversal, SSRF, template,
 * JNDI…): free-text fields reach the service unchecked.
 */
public final class NoInjectionProtectionRule extends GatewayProtectionRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("no-injection-protection",
            "Gateway does not inspect requests for injection", OwaspApiTop10.API8, Severity.HIGH,
            "Attach a 'threat-protection' policy to the API so the gateway detects and blocks injection payloads "
                    + "in parameters, headers and bodies before they reach the service.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    String policyType() {
        return GatewayPolicies.THREAT_PROTECTION;
    }

    @Override
    String consequence() {
        return "injection payloads reach the upstream unchecked";
    }
}
