package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A security requirement naming a scheme that does not exist. Tools disagree on what that means
 * (some skip the check, some reject every call), so the protection the author intended is not
 * what gets enforced.
 */
public final class UndefinedSecuritySchemeRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("undefined-security-scheme",
            "Security requirement names an undefined scheme", OwaspApiTop10.API2, Severity.HIGH,
            "Define the scheme under components.securitySchemes or fix the name in the requirement; names are "
                    + "case-sensitive.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        Set<String> defined = document.securitySchemes().keySet();
        List<Finding> out = new ArrayList<>();
        inspect(document.openApi().getSecurity(), JsonPointer.of("security"), "global security", defined, out);
        for (ApiOperation op : document.allOperations()) {
            inspect(op.operation().getSecurity(), op.location().child("security"), op.key(), defined, out);
        }
        return out;
    }

    private static void inspect(List<SecurityRequirement> requirements, JsonPointer at, String owner,
            Set<String> defined, List<Finding> out) {
        if (requirements == null) {
            return;
        }
        for (int i = 0; i < requirements.size(); i++) {
            for (String name : requirements.get(i).keySet()) {
                if (!defined.contains(name)) {
                    out.add(DESCRIPTOR.finding(at.child(i).child(name),
                            "The " + owner + " requirement refers to security scheme '" + name
                                    + "', which is not defined."));
                }
            }
        }
    }
}
