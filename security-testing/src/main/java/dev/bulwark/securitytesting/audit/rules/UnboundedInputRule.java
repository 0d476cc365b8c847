package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Common walk of the three "no upper bound on input" rules: every schema a client can send
 * (parameters and request bodies, components included), except read-only properties and
 * {@code not} branches, which describe what is rejected rather than accepted.
 */
abstract class UnboundedInputRule implements AuditRule {

    /** True when the schema is of this rule's kind and leaves its size unlimited. */
    abstract boolean isUnbounded(Schema<?> schema);

    abstract String describe(SchemaWalker.Node node);

    @Override
    public final List<Finding> check(ApiDocument document) {
        RuleDescriptor descriptor = descriptor();
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            for (SchemaWalker.Node node : SchemaSources.walk(document, SchemaSources.inputs(document, op))) {
                if (!node.readOnly() && node.edge() != Edge.NOT && isUnbounded(node.schema())) {
                    out.add(descriptor.finding(node.location(), describe(node)));
                }
            }
        }
        return out;
    }

    static String subject(SchemaWalker.Node node) {
        return node.propertyName() == null ? "Input value" : "Input property '" + node.propertyName() + "'";
    }
}
