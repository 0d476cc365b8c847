package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * An object addressed by id with no caller identity: the server cannot check that the caller owns
 * the object, so every object is everyone's. Worse when the operation writes.
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
    public List<Finding> check(ApiDocument document) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : document.operations()) {
            if (!document.allowsAnonymous(op)) {
                continue;
            }
            List<String> ids = op.parametersIn("path").stream()
                    .map(Located::value)
                    .map(Parameter::getName)
                    .filter(NameHeuristics::isObjectIdentifier)
                    .toList();
            if (!ids.isEmpty()) {
                out.add(DESCRIPTOR.finding(op.location(), op.key() + " addresses an object by " + ids
                        + " without authenticating the caller, so ownership cannot be checked.",
                        op.isWrite() ? Severity.CRITICAL : Severity.HIGH));
            }
        }
        return out;
    }
}
