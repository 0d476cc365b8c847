package dev.bulwark.securitytesting.scan.model;

import dev.bulwark.securitytesting.openapi.NameHeuristics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns exchanges into evidence a tenant can store and share: credential headers are never shown,
 * every known credential value is masked wherever it appears (a reflected token in a body, a key in
 * a query string), bearer tokens and long secrets that look like keys are masked, excerpts are cut.
 */
public final class Redactor {
    public static final String MASK = "<redacted>";
    private static final int EXCERPT = 600;
    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final Pattern JSON_STRING = Pattern.compile("\"([A-Za-z0-9_$-]{1,64})\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<String> secrets;

    public Redactor(Collection<Identity> identities) {
        List<String> values = new ArrayList<>();
        for (Identity identity : identities) {
            for (String value : identity.headers().values()) {
                values.add(value);
                identity.bearerToken().ifPresent(values::add);
            }
        }
        values.removeIf(v -> v.length() < 4);
        values.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(values);
    }

    public String text(String text) {
        if (text == null) {
            return "";
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        masked = JWT.matcher(masked).replaceAll(MASK);
        // Values of credential and financial properties (a leaked card number) never reach the evidence.
        return JSON_STRING.matcher(masked).replaceAll(match -> isSensitive(match.group(1))
                ? Matcher.quoteReplacement("\"" + match.group(1) + "\":\"" + MASK + "\"")
                : Matcher.quoteReplacement(match.group()));
    }

    private static boolean isSensitive(String property) {
        return NameHeuristics.isCredentialName(property) || NameHeuristics.isFinancialData(property);
    }

    /** Request line, the response status and headers worth seeing, and the start of the body. */
    public String evidence(Exchange exchange) {
        StringBuilder out = new StringBuilder();
        ProbeRequest request = exchange.request();
        out.append(request.method()).append(' ').append(text(request.pathAndQuery()))
                .append(" (as ").append(request.identity().label()).append(")\n");
        request.headers().forEach((name, value) -> {
            if (!HIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                out.append(name).append(": ").append(text(value)).append('\n');
            }
        });
        out.append("-> ").append(exchange.status()).append('\n');
        exchange.headers().forEach((name, values) -> {
            if (!HIDDEN_HEADERS.contains(name) && isTelling(name)) {
                out.append(name).append(": ").append(text(String.join(", ", values))).append('\n');
            }
        });
        String body = text(exchange.body());
        out.append(body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body);
        return out.toString().strip();
    }

    private static boolean isTelling(String header) {
        return header.startsWith("access-control-") || header.equals("content-type") || header.equals("server")
                || header.equals("x-powered-by") || header.startsWith("ratelimit") || header.startsWith("x-ratelimit")
                || header.equals("retry-after") || header.equals("strict-transport-security")
                || header.equals("x-content-type-options") || header.equals("www-authenticate");
    }
}
