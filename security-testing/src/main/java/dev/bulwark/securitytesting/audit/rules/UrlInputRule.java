package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.SchemaUsage.UsedNode;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs that carry URLs (by format or by name) and operations with callbacks: places where the
 * server may be made to send requests to an address the client chose, internal ones included.
 * A bare {@code callback} parameter is a JSONP function name and is not reported.
 */
public final class UrlInputRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("url-input",
            "Client-supplied URL may be fetched by the server", OwaspApiTop10.API7, Severity.MEDIUM,
            "Fetch client URLs only through an egress proxy that allows https to an allow-list of hosts, "
                    + "resolves DNS once, and blocks private, loopback and metadata addresses; do not follow "
                    + "redirects blindly. Bulwark's threat-protection policy refuses URLs to internal addresses.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            for (Located<Parameter> parameter : op.parameters()) {
                Parameter p = parameter.value();
                if (NameHeuristics.isUrlInput(p.getName(), p.getSchema())) {
                    out.add(DESCRIPTOR.finding(op, parameter.location(), "Parameter '" + p.getName() + "' ("
                            + p.getIn() + ") takes a URL."));
                }
            }
            if (op.operation().getCallbacks() != null && !op.operation().getCallbacks().isEmpty()) {
                out.add(DESCRIPTOR.finding(op, op.location().child("callbacks"), op.key()
                        + " defines callbacks: the server will call addresses supplied in the request."));
            }
        }
        for (UsedNode used : SchemaSources.requestBodies(target.document())) {
            SchemaWalker.Node node = used.node();
            if (node.edge() == Edge.PROPERTY && !node.readOnly()
                    && NameHeuristics.isUrlInput(node.propertyName(), node.schema())) {
                out.add(DESCRIPTOR.finding(used.operations(), node.declaredAt(), "Request property '"
                        + node.propertyName() + "' takes a URL."));
            }
        }
        return out;
    }
}
