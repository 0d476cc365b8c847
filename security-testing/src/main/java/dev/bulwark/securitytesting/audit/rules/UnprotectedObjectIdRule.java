package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.ObjectReferences;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;

/**
 * An object addressed by a reference (path, query or body; see {@link ObjectReferences}) with no
 * caller identity: the server cannot check that the caller owns the object, so every object is
 * everyone's. Worse when the operation writes.
 */
public final class UnprotectedObjectIdRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("unprotected-object-id",
            "Object identifier accepted without authentication", OwaspApiTop10.API1, Severity.HIGH,
            "Authenticate the caller and check, on every request, that the object behind the identifier belongs "
                    + "to the caller's tenant or user before reading or changing it.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            if (!OperationWithoutSecurityRule.isAnonymous(target, op)) {
                continue;
            }
            List<String> ids = ObjectReferences.of(target.document(), op).stream()
                    .map(ObjectReferences.Reference::label).distinct().toList();
            if (!ids.isEmpty()) {
                out.add(DESCRIPTOR.finding(op, op.location(), op.key() + " addresses objects by "
                        + String.join(", ", ids) + " without authenticating the caller, so ownership cannot be "
                        + "checked.", op.isWrite() ? Severity.CRITICAL : Severity.HIGH));
            }
        }
        return out;
    }
}
