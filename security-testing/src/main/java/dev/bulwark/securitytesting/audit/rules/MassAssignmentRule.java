package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.SchemaUsage.UsedNode;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.openapi.Schemas.Extras;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.ArrayList;
import java.util.List;

/**
 * Write bodies whose objects accept undeclared properties. If the server binds the body onto its
 * entity, a client can set fields it was never meant to ({@code role}, {@code tenantId},
 * {@code balance}). Parts of an {@code allOf} are skipped: closing them breaks the composition, the
 * composing schema is the one to close ({@code unevaluatedProperties: false} in OAS 3.1).
 */
public final class MassAssignmentRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("mass-assignment",
            "Write request accepts undeclared properties", OwaspApiTop10.API3, Severity.MEDIUM,
            "Set 'additionalProperties: false' (OAS 3.1: 'unevaluatedProperties: false' for composed schemas) on "
                    + "request objects and have the gateway reject unknown fields; bind only allow-listed fields "
                    + "server-side.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (UsedNode used : SchemaSources.writeBodies(target.document())) {
            if (isOpenObject(used.node())) {
                out.add(DESCRIPTOR.finding(used.operations(), used.node().location(),
                        SchemaSources.subject(used.node(), "request") + " is an object in the body of a write "
                                + "operation and accepts properties it does not declare."));
            }
        }
        return out;
    }

    private static boolean isOpenObject(SchemaWalker.Node node) {
        boolean composed = node.schema().getAllOf() != null && !node.schema().getAllOf().isEmpty();
        boolean objectLike = Schemas.isObjectLike(node.schema()) || composed;
        Extras extras = Schemas.extras(node.schema());
        return objectLike && node.edge() != Edge.ALL_OF && !node.readOnly()
                && (extras == Extras.UNSPECIFIED || extras == Extras.OPEN);
    }
}
