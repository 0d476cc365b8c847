package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Integer object ids in paths. Not a vulnerability by itself, but it turns any authorization slip
 * into a bulk leak, because the next id is always {@code id + 1}.
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
    public List<Finding> check(ApiDocument document) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            for (Located<Parameter> parameter : op.parametersIn("path")) {
                Parameter p = parameter.value();
                if (NameHeuristics.isObjectIdentifier(p.getName()) && p.getSchema() != null
                        && Schemas.types(p.getSchema()).contains("integer")) {
                    // No operation in the message: the parameter may be shared by a whole path item.
                    out.add(DESCRIPTOR.finding(parameter.location(), "Path parameter '" + p.getName()
                            + "' is an integer, so valid identifiers can be enumerated by counting."));
                }
            }
        }
        return out;
    }
}
