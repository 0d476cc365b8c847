package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.openapi.SchemaUsage.UsedNode;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Common walk of the rules about constraints on input: every schema the API receives
 * (parameters and request bodies, components included, each once), except read-only properties
 * and {@code not} branches, which describe what is rejected rather than accepted.
 */
abstract class UnboundedInputRule implements AuditRule {

    /** True when the schema is of this rule's kind and leaves it unconstrained. */
    abstract boolean isUnbounded(Schema<?> schema);

    abstract String describe(SchemaWalker.Node node);

    @Override
    public final List<Finding> check(AuditTarget target) {
        RuleDescriptor descriptor = descriptor();
        List<Finding> out = new ArrayList<>();
        for (UsedNode used : SchemaSources.inbound(target.document())) {
            SchemaWalker.Node node = used.node();
            if (!node.readOnly() && node.edge() != Edge.NOT && isUnbounded(node.schema())) {
                out.add(descriptor.finding(used.operations(), node.location(), describe(node)));
            }
        }
        return out;
    }

    static String subject(SchemaWalker.Node node) {
        return SchemaSources.subject(node, "input");
    }
}
