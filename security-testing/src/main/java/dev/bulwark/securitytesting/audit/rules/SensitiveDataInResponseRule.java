package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.NameHeuristics.Sensitivity;
import dev.bulwark.securitytesting.openapi.SchemaUsage.UsedNode;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Response properties named like secrets. Properties marked {@code writeOnly} are skipped: by
 * definition they are never sent back. Token-like names rate lower since issuing tokens is a
 * legitimate job of some endpoints.
 */
public final class SensitiveDataInResponseRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("sensitive-data-in-response",
            "Response contains a secret-looking property", OwaspApiTop10.API3, Severity.HIGH,
            "Remove the property from responses, or mark it 'writeOnly: true' if it is only ever sent by "
                    + "clients. Mask what must be shown (last four digits).");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (UsedNode used : SchemaSources.outbound(target.document())) {
            SchemaWalker.Node node = used.node();
            if (node.edge() != Edge.PROPERTY || node.writeOnly()) {
                continue;
            }
            Optional<Sensitivity> sensitivity = NameHeuristics.sensitivity(node.propertyName());
            sensitivity.ifPresent(kind -> out.add(kind == Sensitivity.SECRET
                    ? DESCRIPTOR.finding(used.operations(), node.declaredAt(), "Response property '"
                            + node.propertyName() + "' looks like a secret or regulated personal data.")
                    : DESCRIPTOR.finding(used.operations(), node.declaredAt(), "Response property '"
                            + node.propertyName() + "' looks like a credential; return it only from endpoints "
                            + "that issue one.", Severity.MEDIUM)));
        }
        return out;
    }
}
