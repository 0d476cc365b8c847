package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.Optional;

/**
 * Missing rate limiting: a bounded burst ({@code rateLimitBurst} requests at the scan's rate) on one
 * successful read. Not one 429 is the finding. Runs last, so a limit it trips cannot hide other
 * findings.
 */
final class RateLimitCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("missing-rate-limit", "No rate limit on a burst of requests",
            OwaspApiTop10.API4, Severity.MEDIUM, false,
            "Limit requests per consumer (the gateway's rate-limit policy) and answer 429 with Retry-After.");

    RateLimitCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<Exchange> baseline = successfulRead(context);
        if (baseline.isEmpty()) {
            return;
        }
        int burst = context.settings().rateLimitBurst();
        Exchange last = null;
        int answered = 0;
        for (int i = 0; i < burst; i++) {
            Optional<Exchange> exchange = context.probe().send(baseline.get().request());
            if (exchange.isEmpty()) {
                note(context, "burst interrupted after " + i + " requests, no verdict");
                return;
            }
            if (exchange.get().status() == 429) {
                note(context, "limited after " + (i + 1) + " requests");
                return;
            }
            answered++;
            last = exchange.get();
        }
        report(context, ScanFinding.WHOLE_API, null, answered + " requests in a burst on "
                + baseline.get().request().method() + " " + baseline.get().request().pathAndQuery()
                + " were all answered; none was limited with 429.", last);
    }
}
