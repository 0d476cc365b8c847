package dev.bulwark.securitytesting.scan;

import dev.bulwark.securitytesting.scan.checks.DefaultChecks;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.Probe;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import dev.bulwark.securitytesting.scan.model.Redactor;
import dev.bulwark.securitytesting.scan.model.RunLog;
import dev.bulwark.securitytesting.scan.model.ScanCheck;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanControl;
import dev.bulwark.securitytesting.scan.model.ScanSettings;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The active scanner: runs its checks one after the other against a running API, on the calling
 * thread, within the settings' safety limits. {@link ScanControl#cancel()} from another thread stops
 * it before its next request.
 */
public final class Scanner {
    private final List<ScanCheck> checks;
    private final Clock clock;

    public Scanner(List<ScanCheck> checks, Clock clock) {
        this.checks = List.copyOf(checks);
        this.clock = clock;
    }

    public static Scanner withDefaultChecks() {
        return new Scanner(DefaultChecks.all(), Clock.systemUTC());
    }

    /** The default checks plus the replay of attacks the gateway blocked (regression checks). */
    public static Scanner withDefaultChecks(List<RecordedAttack> blockedAttacks) {
        return new Scanner(DefaultChecks.with(blockedAttacks), Clock.systemUTC());
    }

    public List<CheckDescriptor> checks() {
        return checks.stream().map(ScanCheck::descriptor).toList();
    }

    public ScanReport scan(ScanTarget target, ScanSettings settings) {
        return scan(target, settings, new ScanControl(), new RunLog(clock, entry -> { }));
    }

    public ScanReport scan(ScanTarget target, ScanSettings settings, ScanControl control, RunLog log) {
        Instant started = clock.instant();
        log.add("scan of " + target.baseUrl() + " started: " + (settings.allowWrites() ? "writes allowed" : "read-only")
                + ", at most " + settings.maxRequests() + " requests at " + settings.requestsPerSecond() + "/s");
        List<Identity> identities = new ArrayList<>(List.of(target.primary()));
        target.secondary().ifPresent(identities::add);
        target.expired().ifPresent(identities::add);
        target.revoked().ifPresent(identities::add);
        ScanContext context;
        List<String> completed = new ArrayList<>();
        try (Probe probe = new Probe(target, settings, control, log)) {
            context = new ScanContext(target, settings, probe, log, new Redactor(identities));
            for (ScanCheck check : checks) {
                CheckDescriptor descriptor = check.descriptor();
                if (control.cancelled() || probe.budgetSpent()) {
                    log.add(descriptor.id() + ": not run");
                    continue;
                }
                if (descriptor.needsWrites() && !settings.allowWrites()) {
                    log.add(descriptor.id() + ": skipped, writes are not allowed for this scan");
                    continue;
                }
                int before = context.findings().size();
                int sentBefore = probe.requestsSent();
                try {
                    check.run(context);
                    if (!control.cancelled() && !probe.budgetSpent()) {
                        completed.add(descriptor.id());
                    }
                } catch (RuntimeException e) {
                    // One broken check must not lose the others' findings.
                    log.add(descriptor.id() + ": failed (" + e.getClass().getSimpleName() + ")");
                }
                log.add(descriptor.id() + ": " + (context.findings().size() - before) + " finding(s), "
                        + (probe.requestsSent() - sentBefore) + " request(s)");
            }
            ScanReport.Outcome outcome = control.cancelled() ? ScanReport.Outcome.CANCELLED
                    : probe.budgetSpent() ? ScanReport.Outcome.BUDGET_SPENT : ScanReport.Outcome.COMPLETED;
            log.add("scan " + outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + context.findings().size()
                    + " finding(s), " + probe.requestsSent() + " request(s)");
            return new ScanReport(target.baseUrl(), started, clock.instant(), outcome, settings.allowWrites(),
                    probe.requestsSent(), probe.requestsAnswered(), checks(), completed, context.findings(), log.entries());
        }
    }
}
