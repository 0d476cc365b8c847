package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A response declares {@code Access-Control-Allow-Origin: *} (as its enum, const, default or
 * example): any web page may read the response from a visitor's browser. With
 * {@code Access-Control-Allow-Credentials: true} as well, or on an authenticated operation, that
 * is a cross-site data leak, reported higher.
 */
public final class CorsWildcardOriginRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("cors-wildcard-origin",
            "Response allows any origin (CORS *)", OwaspApiTop10.API8, Severity.MEDIUM,
            "Allow-list the origins that may call the API (Bulwark's cors policy does this at the gateway) and "
                    + "never combine a reflected or wildcard origin with credentials.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            target.document().responses(op).forEach((status, response) -> {
                Map<String, Header> headers = response.value().getHeaders();
                if (headers == null) {
                    return;
                }
                headers.forEach((name, header) -> {
                    if (name.equalsIgnoreCase("Access-Control-Allow-Origin") && allowsAny(header)) {
                        boolean risky = !target.allowsAnonymous(op) || credentialsAllowed(headers);
                        out.add(DESCRIPTOR.finding(op, response.location().child("headers", name), "Response "
                                + status + " allows any origin" + (risky ? " on a response that carries the "
                                + "caller's credentials or data." : "."), risky ? Severity.HIGH : Severity.MEDIUM));
                    }
                });
            });
        }
        return out;
    }

    private static boolean allowsAny(Header header) {
        Schema<?> schema = header.getSchema();
        if ("*".equals(String.valueOf(header.getExample()))) {
            return true;
        }
        return schema != null && ("*".equals(String.valueOf(schema.getDefault()))
                || "*".equals(String.valueOf(schema.getConst())) || "*".equals(String.valueOf(schema.getExample()))
                || (schema.getEnum() != null && schema.getEnum().stream().anyMatch(v -> "*".equals(String.valueOf(v)))));
    }

    private static boolean credentialsAllowed(Map<String, Header> headers) {
        return headers.entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase("Access-Control-Allow-Credentials"));
    }
}
