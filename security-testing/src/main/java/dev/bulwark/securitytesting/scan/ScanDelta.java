package dev.bulwark.securitytesting.scan;

import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run's findings against the previous run's: each current finding is new or still present; a
 * previous finding is fixed only when its check ran to the end this time (a check skipped, cancelled
 * or cut short by the budget proves nothing), else it is not retested.
 */
public record ScanDelta(List<Tracked> findings, List<ScanFinding> fixed, List<ScanFinding> notRetested) {

    /** Status of a finding from one run to the next. */
    public enum Status { NEW, STILL_PRESENT, FIXED }

    /** A current finding and whether the previous run had it. */
    public record Tracked(ScanFinding finding, Status status) {
    }

    public ScanDelta {
        findings = List.copyOf(findings);
        fixed = List.copyOf(fixed);
        notRetested = List.copyOf(notRetested);
    }

    public static ScanDelta between(List<ScanFinding> previous, ScanReport current) {
        Set<String> before = new HashSet<>();
        previous.forEach(finding -> before.add(finding.identity()));
        Set<String> now = new HashSet<>();
        List<Tracked> tracked = new ArrayList<>();
        for (ScanFinding finding : current.findings()) {
            now.add(finding.identity());
            tracked.add(new Tracked(finding, before.contains(finding.identity()) ? Status.STILL_PRESENT : Status.NEW));
        }
        List<ScanFinding> fixed = new ArrayList<>();
        List<ScanFinding> notRetested = new ArrayList<>();
        for (ScanFinding finding : previous) {
            if (!now.contains(finding.identity())) {
                (current.checksCompleted().contains(finding.checkId()) ? fixed : notRetested).add(finding);
            }
        }
        return new ScanDelta(tracked, fixed, notRetested);
    }
}
