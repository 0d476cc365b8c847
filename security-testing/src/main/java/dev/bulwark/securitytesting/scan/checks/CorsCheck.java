package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.Optional;

/**
 * CORS: a successful read is repeated with a foreign {@code Origin}. Reflecting that origin (worse
 * with credentials allowed), or a wildcard with credentials, lets any web page read the API with the
 * visitor's credentials.
 */
final class CorsCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("cors-misconfiguration", "Any origin may read responses",
            OwaspApiTop10.API8, Severity.MEDIUM, false,
            "Allow only the origins of your own front ends (the gateway's cors policy) and never reflect the Origin header.");
    static final String FOREIGN_ORIGIN = "https://bulwark-scan.invalid";

    CorsCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<Exchange> baseline = successfulRead(context);
        if (baseline.isEmpty()) {
            return;
        }
        Optional<Exchange> exchange = context.probe().send(baseline.get().request().withHeader("Origin", FOREIGN_ORIGIN));
        if (exchange.isEmpty()) {
            return;
        }
        String allowed = exchange.get().header("access-control-allow-origin").orElse("");
        boolean credentials = exchange.get().header("access-control-allow-credentials").map("true"::equalsIgnoreCase).orElse(false);
        if (allowed.equals(FOREIGN_ORIGIN) || (allowed.equals("*") && credentials)) {
            Severity severity = credentials ? Severity.HIGH : Severity.MEDIUM;
            report(context, severity, ScanFinding.WHOLE_API, "Access-Control-Allow-Origin",
                    "The API allows the foreign origin " + FOREIGN_ORIGIN + (credentials ? " with credentials." : "."),
                    context.redactor().evidence(exchange.get()));
        }
    }
}
