package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An operation that admits to a rate limit (it declares 429) but does not tell clients how to
 * behave: no {@code Retry-After} on the 429, no {@code RateLimit} headers (IETF draft, or the
 * common {@code X-RateLimit-*}) on its successful responses. Clients then retry blindly, which
 * turns a limit into a thundering herd.
 */
public final class RateLimitHeadersRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("missing-rate-limit-headers",
            "Rate-limited operation does not declare RateLimit or Retry-After headers", OwaspApiTop10.API4,
            Severity.LOW,
            "Declare 'Retry-After' on 429 responses and 'RateLimit' / 'RateLimit-Policy' (or X-RateLimit-Limit, "
                    + "-Remaining, -Reset) on successful responses; Bulwark's rate-limit policy sends them.");

    private static final Set<String> LIMIT_HEADERS = Set.of("ratelimit", "ratelimit-policy", "ratelimit-limit",
            "ratelimit-remaining", "ratelimit-reset", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
            "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        List<Finding> out = new ArrayList<>();
        for (ApiOperation op : target.document().operations()) {
            Map<String, Located<ApiResponse>> responses = target.document().responses(op);
            Located<ApiResponse> tooMany = responses.get("429");
            if (tooMany == null || target.gateway().throttles(op)) {
                continue;
            }
            if (!headers(tooMany.value()).contains("retry-after")) {
                out.add(DESCRIPTOR.finding(op, tooMany.location(),
                        "The 429 response does not declare a Retry-After header."));
            }
            boolean success = responses.keySet().stream().anyMatch(SchemaSources::isSuccess);
            boolean advertised = responses.entrySet().stream()
                    .filter(e -> SchemaSources.isSuccess(e.getKey()))
                    .anyMatch(e -> headers(e.getValue().value()).stream().anyMatch(LIMIT_HEADERS::contains));
            if (success && !advertised) {
                out.add(DESCRIPTOR.finding(op, op.location().child("responses"), op.key()
                        + " is rate-limited but its successful responses declare no RateLimit headers."));
            }
        }
        return out;
    }

    private static Set<String> headers(ApiResponse response) {
        return response.getHeaders() == null ? Set.of()
                : response.getHeaders().keySet().stream().map(h -> h.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
    }
}
