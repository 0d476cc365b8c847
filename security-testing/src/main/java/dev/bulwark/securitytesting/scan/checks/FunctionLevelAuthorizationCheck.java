package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import java.util.Locale;

/**
 * BFLA: administrative operations (an {@code admin}, {@code internal}, {@code management}… path
 * segment or tag) requested by the primary identity, an ordinary consumer. Answering is the finding.
 */
final class FunctionLevelAuthorizationCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("bfla", "Administrative operation open to a consumer",
            OwaspApiTop10.API5, Severity.HIGH, false,
            "Require an administrative role or scope on administrative operations (authorization policy) and deny by default.");

    FunctionLevelAuthorizationCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        for (ApiOperation operation : Targets.reads(context)) {
            if (context.probe().stopped() || !isAdministrative(operation)) {
                continue;
            }
            Targets.path(context, operation)
                    .flatMap(path -> context.probe().send(ProbeRequest.get(path, context.target().primary())))
                    .filter(Exchange::succeeded)
                    .ifPresent(answered -> report(context, operation.key(), null, "The administrative operation "
                            + operation.key() + " answered " + answered.status() + " to "
                            + context.target().primary().label() + ", an ordinary consumer.", answered));
        }
    }

    static boolean isAdministrative(ApiOperation operation) {
        boolean tagged = operation.operation().getTags() != null && operation.operation().getTags().stream()
                .anyMatch(tag -> tag.toLowerCase(Locale.ROOT).contains("admin"));
        return tagged || NameHeuristics.isAdministrative(operation.path());
    }
}
