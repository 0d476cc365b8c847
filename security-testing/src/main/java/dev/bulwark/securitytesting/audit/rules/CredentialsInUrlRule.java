package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Credentials in path or query parameters ({@code api_key}, {@code access_token},
 * {@code password}): URLs are written to access logs, proxy and CDN caches, browser history and
 * {@code Referer} headers. Pagination tokens ({@code page_token}, {@code nextToken}) are positions
 * in a listing, not credentials, and are left alone.
 */
public final class CredentialsInUrlRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("credentials-in-url",
            "Credential passed in the URL", OwaspApiTop10.API2, Severity.HIGH,
            "Send credentials in a header (Authorization, or a dedicated API-key header) or in the request body, "
                    + "never in the path or query string.");

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
                boolean inUrl = "query".equals(p.getIn()) || "path".equals(p.getIn());
                if (inUrl && NameHeuristics.isCredentialName(p.getName())) {
                    out.add(DESCRIPTOR.finding(op, parameter.location(), "Parameter '" + p.getName() + "' ("
                            + p.getIn() + ") carries a credential in the URL."));
                }
            }
        }
        return out;
    }
}
