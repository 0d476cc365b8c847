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
 * Integer object references (path, query or body). Not a vulnerability by itself, but it turns any
 * authorization slip into a bulk leak, because the next id is always {@code id + 1}.
 */
public final class SequentialObjectIdRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("sequential-object-id",
            "Object identifier is a guessable integer", OwaspApiTop10.API1, Severity.LOW,
            "Expose random, non-sequential identifiers (UUIDv4 or similar) and keep enforcing per-object "
                    + "authorization; unguessable ids are defence in depth, not a replacement.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            for (ObjectReferences.Reference ref : ObjectReferences.of(target.document(), op)) {
                if (ref.isSequential()) {
                    // No operation in the message: the reference may be shared by a path item or a component.
                    out.add(DESCRIPTOR.finding(op, ref.location(), "Object reference " + ref.label()
                            + " is an integer, so valid identifiers can be enumerated by counting."));
                }
            }
        }
        return out;
    }
}
