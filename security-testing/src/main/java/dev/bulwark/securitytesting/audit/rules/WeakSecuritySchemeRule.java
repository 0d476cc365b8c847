package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Schemes that expose long-lived credentials: HTTP Basic and Digest send a password (or its
 * equivalent) on every call; an API key in the query string lands in proxy, CDN and browser logs.
 */
public final class WeakSecuritySchemeRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("weak-security-scheme",
            "Security scheme exposes long-lived credentials", OwaspApiTop10.API2, Severity.HIGH,
            "Prefer OAuth 2.0 / OpenID Connect with short-lived bearer tokens or mutual TLS. If API keys are "
                    + "needed, send them in a header, never in the URL.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, SecurityScheme> entry : document.securitySchemes().entrySet()) {
            SecurityScheme scheme = entry.getValue();
            JsonPointer at = JsonPointer.of("components", "securitySchemes", entry.getKey());
            if (scheme.getType() == SecurityScheme.Type.APIKEY && scheme.getIn() == SecurityScheme.In.QUERY) {
                out.add(DESCRIPTOR.finding(at, "Security scheme '" + entry.getKey()
                        + "' takes an API key in the query string, where URLs get logged and cached."));
            } else if (scheme.getType() == SecurityScheme.Type.HTTP && isPasswordBased(scheme.getScheme())) {
                out.add(DESCRIPTOR.finding(at, "Security scheme '" + entry.getKey() + "' uses HTTP "
                        + scheme.getScheme() + ", which sends reusable credentials with every request.",
                        Severity.MEDIUM));
            }
        }
        return out;
    }

    private static boolean isPasswordBased(String httpScheme) {
        String s = httpScheme == null ? "" : httpScheme.toLowerCase(Locale.ROOT);
        return s.equals("basic") || s.equals("digest");
    }
}
