package dev.bulwark.securitytesting.scan;

import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.RunLog;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one scan run.
 *
 * @param requestsAnswered requests that got a response (none: the target was unreachable, nothing was tested)
 * @param checks every check of the run, whether it ran, was skipped or found something
 * @param checksCompleted ids of the checks that ran to the end (not skipped, cancelled or cut short)
 * @param findings sorted most severe first
 */
public record ScanReport(URI target, Instant startedAt, Instant finishedAt, Outcome outcome, boolean writesAllowed,
        int requestsSent, int requestsAnswered, List<CheckDescriptor> checks, List<String> checksCompleted,
        List<ScanFinding> findings, List<RunLog.Entry> log) {

    /** How the run ended. */
    public enum Outcome {
        /** Every check ran. */
        COMPLETED,
        /** The request budget ran out: later checks were skipped or cut short. */
        BUDGET_SPENT,
        /** Cancelled from outside. */
        CANCELLED
    }

    public ScanReport {
        checks = List.copyOf(checks);
        checksCompleted = List.copyOf(checksCompleted);
        findings = findings.stream().sorted(ScanFinding.ORDER).toList();
        log = List.copyOf(log);
    }
}
