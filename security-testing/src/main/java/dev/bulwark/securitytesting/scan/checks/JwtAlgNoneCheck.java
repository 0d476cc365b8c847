package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import java.util.Optional;

/**
 * {@code alg: none}: the primary identity's JWT with its header replaced by an unsigned one and its
 * signature dropped. An API that accepts it accepts any claims anybody writes.
 */
final class JwtAlgNoneCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("jwt-alg-none", "Unsigned JWT (alg: none) accepted",
            OwaspApiTop10.API2, Severity.CRITICAL, false,
            "Verify JWTs with an explicit allow-list of algorithms (the gateway's jwt policy does) and refuse 'none'.");

    JwtAlgNoneCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<String[]> parts = context.target().primary().bearerToken().flatMap(Jwts::parts);
        if (parts.isEmpty()) {
            skip(context, "the primary identity presents no JWT");
            return;
        }
        String unsigned = Jwts.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts.get()[1] + ".";
        Identity forged = Identity.bearer("unsigned JWT (alg: none)", unsigned);
        for (ApiOperation operation : Targets.reads(context)) {
            if (context.probe().stopped() || !Targets.requiresCredential(context, operation)) {
                continue;
            }
            Optional<Exchange> baseline = Targets.baseline(context, operation);
            if (baseline.isPresent()) {
                context.probe().send(baseline.get().request().as(forged)).filter(Exchange::succeeded)
                        .ifPresent(accepted -> report(context, operation.key(), null, operation.key()
                                + " accepted the primary identity's claims in an unsigned JWT (alg: none).", accepted));
                return;  // one protected operation tells: JWT verification is shared by the API
            }
        }
    }
}
