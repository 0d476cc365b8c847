package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Security headers on a successful response: {@code X-Content-Type-Options: nosniff} present, no
 * {@code X-Powered-By}, no version number in {@code Server}.
 */
final class SecurityHeadersCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("security-headers",
            "Missing security header or disclosed server version", OwaspApiTop10.API8, Severity.LOW, false,
            "Send X-Content-Type-Options: nosniff, drop X-Powered-By and version numbers from Server (the gateway can "
                    + "set and strip response headers).");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    SecurityHeadersCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<Exchange> exchange = successfulRead(context);
        if (exchange.isEmpty()) {
            return;
        }
        Exchange seen = exchange.get();
        if (!seen.header("x-content-type-options").map(v -> v.toLowerCase(Locale.ROOT).contains("nosniff")).orElse(false)) {
            report(context, "X-Content-Type-Options", "Responses lack X-Content-Type-Options: nosniff.", seen);
        }
        if (seen.header("x-powered-by").isPresent()) {
            report(context, "X-Powered-By", "Responses name the server framework in X-Powered-By.", seen);
        }
        if (seen.header("server").filter(v -> VERSION.matcher(v).find()).isPresent()) {
            report(context, "Server", "The Server header discloses a version number.", seen);
        }
    }

    private static void report(ScanContext context, String header, String message, Exchange exchange) {
        context.report(DESCRIPTOR, ScanFinding.WHOLE_API, header, message, exchange);
    }
}
