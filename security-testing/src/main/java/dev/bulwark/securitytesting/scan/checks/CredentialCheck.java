package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Authentication bypass: every operation the contract protects, which answers the primary identity,
 * is requested again without a credential, with a made-up one, with an expired one and with a
 * revoked one. A success is a bypass.
 */
final class CredentialCheck extends BaseCheck {

    enum Variant {
        MISSING("auth-missing-credential", "Protected operation answers without a credential", "no credential"),
        INVALID("auth-invalid-credential", "Protected operation accepts a made-up credential", "made-up credential"),
        EXPIRED("auth-expired-credential", "Protected operation accepts an expired credential", "expired credential"),
        REVOKED("auth-revoked-credential", "Protected operation accepts a revoked credential", "revoked credential");

        final String id;
        final String title;
        final String label;

        Variant(String id, String title, String label) {
            this.id = id;
            this.title = title;
            this.label = label;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Variant variant;

    CredentialCheck(Variant variant) {
        super(new CheckDescriptor(variant.id, variant.title, OwaspApiTop10.API2, Severity.CRITICAL, false,
                "Authenticate every protected operation at the gateway (api-key or jwt policy) and refuse missing, "
                        + "unknown, expired and revoked credentials with 401."));
        this.variant = variant;
    }

    @Override
    public void run(ScanContext context) {
        Optional<Identity> identity = identity(context);
        if (identity.isEmpty()) {
            skip(context, "no " + variant.label + " was given");
            return;
        }
        for (ApiOperation operation : Targets.reads(context)) {
            if (context.probe().stopped() || !Targets.requiresCredential(context, operation)) {
                continue;
            }
            Optional<Exchange> baseline = Targets.baseline(context, operation);
            if (baseline.isEmpty()) {
                continue;
            }
            context.probe().send(baseline.get().request().as(identity.get())).filter(Exchange::succeeded)
                    .ifPresent(bypass -> report(context, operation.key(), null,
                            operation.key() + " answered " + bypass.status() + " to a request with a " + variant.label
                                    + " although the contract requires authentication.", bypass));
        }
    }

    private Optional<Identity> identity(ScanContext context) {
        return switch (variant) {
            case MISSING -> Optional.of(Identity.anonymous());
            case INVALID -> Optional.of(madeUp(context.target().primary()));
            case EXPIRED -> context.target().expired();
            case REVOKED -> context.target().revoked();
        };
    }

    /** The primary identity's credential headers with random values of a plausible shape. */
    static Identity madeUp(Identity primary) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String random = HexFormat.of().formatHex(bytes);
        primary.headers().forEach((name, value) ->
                headers.put(name, value.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + random : random));
        if (headers.isEmpty()) {
            headers.put("Authorization", "Bearer " + random);
        }
        return primary.withHeaders("made-up credential", headers);
    }
}
