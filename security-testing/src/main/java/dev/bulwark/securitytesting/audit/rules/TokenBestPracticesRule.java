package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Token handling the document leaves open. An OAuth 2.0 authorization-code flow without a
 * {@code refreshUrl} gives clients no way to renew short-lived access tokens, which pushes
 * operators to long-lived ones. A JWT bearer scheme (or OAuth 2.0 / OpenID Connect, whose tokens
 * are usually JWTs) that does not refer to the JWT best current practice (RFC 8725) leaves
 * algorithms, audience and expiry checks unstated.
 */
public final class TokenBestPracticesRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("token-best-practices",
            "Token lifetime or JWT handling is undocumented", OwaspApiTop10.API2, Severity.LOW,
            "Issue short-lived access tokens with a 'refreshUrl' for renewal, and describe the JWT profile in the "
                    + "scheme's description (RFC 8725: allowed algorithms, 'exp', 'aud' and 'iss' checked).");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        target.document().securitySchemes().forEach((name, scheme) -> {
            JsonPointer at = JsonPointer.of("components", "securitySchemes", name);
            OAuthFlows flows = scheme.getFlows();
            if (scheme.getType() == SecurityScheme.Type.OAUTH2 && flows != null
                    && flows.getAuthorizationCode() != null && flows.getAuthorizationCode().getRefreshUrl() == null) {
                out.add(DESCRIPTOR.finding(at.child("flows", "authorizationCode"), "Security scheme '" + name
                        + "' has no refreshUrl, so access tokens cannot be short-lived and renewed."));
            }
            if (usesJwt(scheme) && !mentionsRfc8725(scheme.getDescription())) {
                out.add(DESCRIPTOR.finding(at, "Security scheme '" + name + "' carries JWTs but does not say how "
                        + "they are checked (RFC 8725)."));
            }
        });
        return out;
    }

    private static boolean usesJwt(SecurityScheme scheme) {
        return (scheme.getType() == SecurityScheme.Type.HTTP && "bearer".equalsIgnoreCase(scheme.getScheme())
                && scheme.getBearerFormat() != null && scheme.getBearerFormat().toUpperCase(Locale.ROOT).contains("JWT"))
                || scheme.getType() == SecurityScheme.Type.OPENIDCONNECT;
    }

    private static boolean mentionsRfc8725(String description) {
        return description != null && description.replace(" ", "").toUpperCase(Locale.ROOT).contains("RFC8725");
    }
}
