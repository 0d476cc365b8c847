package dev.bulwark.securitytesting.scan.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a check gets: the target, the settings, the probe, the log, and where findings go. */
public final class ScanContext {
    private final ScanTarget target;
    private final ScanSettings settings;
    private final Probe probe;
    private final RunLog log;
    private final Redactor redactor;
    private final List<ScanFinding> findings = new ArrayList<>();
    private final Map<String, Object> shared = new HashMap<>();

    public ScanContext(ScanTarget target, ScanSettings settings, Probe probe, RunLog log, Redactor redactor) {
        this.target = target;
        this.settings = settings;
        this.probe = probe;
        this.log = log;
        this.redactor = redactor;
    }

    public ScanTarget target() {
        return target;
    }

    public ScanSettings settings() {
        return settings;
    }

    public Probe probe() {
        return probe;
    }

    public RunLog log() {
        return log;
    }

    public Redactor redactor() {
        return redactor;
    }

    public void report(ScanFinding finding) {
        synchronized (findings) {
            findings.add(finding);
        }
        log.add("finding " + finding.checkId() + " on " + finding.operation()
                + (finding.parameter() == null ? "" : " (" + finding.parameter() + ")"));
    }

    /** A finding of a check, with its evidence redacted. */
    public void report(CheckDescriptor check, String operation, String parameter, String message, Exchange evidence) {
        report(new ScanFinding(check.id(), check.severity(), check.category(), operation, parameter, redactor.text(message),
                evidence == null ? "" : redactor.evidence(evidence), check.remediation()));
    }

    public List<ScanFinding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    /** Something several checks learn once (object ids found by listing collections). */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Function<ScanContext, T> compute) {
        Object value = shared.get(key);
        if (value == null) {
            value = compute.apply(this);
            shared.put(key, value);
        }
        return (T) value;
    }
}
