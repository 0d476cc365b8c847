package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanCheck;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.Optional;

/**
 * What every check shares: its descriptor, run-log lines under its id, and findings carrying its
 * OWASP category and remediation, so a check's body is only its probes and its verdict.
 */
abstract class BaseCheck implements ScanCheck {
    private final CheckDescriptor descriptor;

    BaseCheck(CheckDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public final CheckDescriptor descriptor() {
        return descriptor;
    }

    /** A run-log line prefixed with the check's id. */
    final void note(ScanContext context, String message) {
        context.log().add(descriptor.id() + ": " + message);
    }

    /** Logs why the check finds nothing this time (it lacks what it needs). */
    final void skip(ScanContext context, String reason) {
        note(context, "skipped, " + reason);
    }

    /** A successful read of the primary identity to build on; empty (and logged as a skip) when none succeeded. */
    final Optional<Exchange> successfulRead(ScanContext context) {
        Optional<Exchange> read = Targets.anySuccessfulRead(context);
        if (read.isEmpty()) {
            skip(context, "no read operation succeeded");
        }
        return read;
    }

    /** A finding at the descriptor's severity, with the exchange as (redacted) evidence. */
    final void report(ScanContext context, String operation, String parameter, String message, Exchange evidence) {
        context.report(descriptor, operation, parameter, message, evidence);
    }

    /** A finding at another severity than the descriptor's (raised or lowered by what was seen). */
    final void report(ScanContext context, Severity severity, String operation, String parameter, String message,
                      String evidence) {
        context.report(new ScanFinding(descriptor.id(), severity, descriptor.category(), operation, parameter, message,
                evidence, descriptor.remediation()));
    }
}
