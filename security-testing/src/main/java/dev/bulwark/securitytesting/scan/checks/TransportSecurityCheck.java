package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.Optional;
import java.util.Set;

/**
 * TLS settings: the API must be served over HTTPS, negotiate TLS 1.2 or newer, and send
 * {@code Strict-Transport-Security} so browsers never fall back to plain HTTP.
 */
final class TransportSecurityCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("transport-security", "Weak or missing transport security",
            OwaspApiTop10.API8, Severity.HIGH, false,
            "Serve the API over HTTPS only (TLS 1.2 or newer) and send Strict-Transport-Security.");
    private static final Set<String> OUTDATED = Set.of("SSLv3", "TLSv1", "TLSv1.1");

    TransportSecurityCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        if ("http".equals(context.target().baseUrl().getScheme())) {
            report(context, Severity.HIGH, ScanFinding.WHOLE_API, "scheme",
                    "The API is served over plain HTTP: credentials and data cross the network in clear text.",
                    "base URL scheme: http");
            return;
        }
        Optional<Exchange> exchange = Targets.anySuccessfulRead(context);
        if (exchange.isEmpty()) {
            note(context, "no read operation succeeded; only the scheme was checked");
            return;
        }
        exchange.get().tlsProtocol().filter(OUTDATED::contains).ifPresent(protocol -> report(context, Severity.HIGH,
                ScanFinding.WHOLE_API, "protocol", "The API negotiated the outdated " + protocol + ".",
                "negotiated protocol: " + protocol));
        if (exchange.get().header("strict-transport-security").isEmpty()) {
            report(context, Severity.MEDIUM, ScanFinding.WHOLE_API, "Strict-Transport-Security",
                    "HTTPS responses lack Strict-Transport-Security.", context.redactor().evidence(exchange.get()));
        }
    }
}
