package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.Map;
import java.util.Optional;

/**
 * Unsafe HTTP methods: {@code TRACE} (which echoes the request, headers included, to a script that
 * could not read them otherwise) must be refused. TRACE changes nothing, so the check runs on
 * read-only scans too.
 */
final class UnsafeMethodCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("unsafe-http-methods", "TRACE is enabled",
            OwaspApiTop10.API8, Severity.MEDIUM, false,
            "Refuse TRACE (and every method the contract does not declare) with 405; the gateway routes only declared operations.");

    UnsafeMethodCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<Exchange> baseline = Targets.anySuccessfulRead(context);
        String path = baseline.map(e -> e.request().pathAndQuery()).orElse("/");
        context.probe().send(new ProbeRequest("TRACE", path, context.target().primary(), Map.of("X-Bulwark-Scan", "trace"), null))
                .filter(e -> e.succeeded() && e.body().toLowerCase(java.util.Locale.ROOT).contains("x-bulwark-scan: trace"))
                .ifPresent(echo -> report(context, ScanFinding.WHOLE_API, "TRACE",
                        "TRACE " + path + " echoed the request back (" + echo.status() + ").", echo));
    }
}
