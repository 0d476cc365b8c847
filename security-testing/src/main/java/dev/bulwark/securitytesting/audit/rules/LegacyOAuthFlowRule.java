package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.security.OAuthFlows;
import java.util.ArrayList;
import java.util.List;

/**
 * OAuth 2.0 flows the OAuth 2.0 Security Best Current Practice (RFC 9700) says not to use: the
 * implicit flow leaks tokens through redirects, the password grant hands the user's password to
 * the client.
 */
public final class LegacyOAuthFlowRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("oauth2-legacy-flow",
            "OAuth 2.0 implicit or password flow", OwaspApiTop10.API2, Severity.HIGH,
            "Use the authorization code flow with PKCE for user-facing clients and client credentials for "
                    + "machine-to-machine calls.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<Finding> out = new ArrayList<>();
        document.securitySchemes().forEach((name, scheme) -> {
            OAuthFlows flows = scheme.getFlows();
            if (flows == null) {
                return;
            }
            JsonPointer at = JsonPointer.of("components", "securitySchemes", name, "flows");
            if (flows.getImplicit() != null) {
                out.add(DESCRIPTOR.finding(at.child("implicit"), "Security scheme '" + name
                        + "' offers the implicit flow, which returns access tokens in the redirect URL."));
            }
            if (flows.getPassword() != null) {
                out.add(DESCRIPTOR.finding(at.child("password"), "Security scheme '" + name
                        + "' offers the resource owner password flow, which gives user passwords to clients."));
            }
        });
        return out;
    }
}
