package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.info.Info;
import java.util.List;

/** Without a version nobody can tell which deployments run which contract. */
public final class MissingApiVersionRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-api-version",
            "API version is missing", OwaspApiTop10.API9, Severity.LOW,
            "Set info.version and bump it on every published change so inventories can match deployments to "
                    + "contracts.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        Info info = document.openApi().getInfo();
        if (info != null && info.getVersion() != null && !info.getVersion().isBlank()) {
            return List.of();
        }
        return List.of(DESCRIPTOR.finding(JsonPointer.of("info", "version"), "The document has no info.version."));
    }
}
