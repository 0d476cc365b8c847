package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;

/**
 * No servers listed. The text is checked, not the model: the parser fills in a default {@code /}
 * server, which would hide the omission.
 */
public final class MissingServersRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-servers",
            "No servers are declared", OwaspApiTop10.API9, Severity.LOW,
            "List every environment the API is deployed to under 'servers' (production, sandbox…) so the "
                    + "inventory of exposed hosts is explicit and reviewable.");

    private static final JsonPointer SERVERS = JsonPointer.of("servers");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        boolean declared = target.document().declaresServers();
        return declared ? List.of() : List.of(DESCRIPTOR.finding(SERVERS,
                "The document declares no servers, so where this API is exposed is undocumented."));
    }
}
