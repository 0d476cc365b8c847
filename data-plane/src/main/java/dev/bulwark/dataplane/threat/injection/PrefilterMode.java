package dev.bulwark.dataplane.threat.injection;

/** Whether the engine consults the detectors' declarations (see {@code detect.Prefilter}) before calling them. */
public enum PrefilterMode {
    /** Detectors whose declaration a value does not meet are not called: the gateway's mode. */
    ON,
    /** Every detector is called on every value (the reference for measurements). */
    OFF,
    /**
     * Tests: every detector is called, and a detector that the prefilter would have skipped but that
     * finds something fails the inspection with an {@link IllegalStateException}.
     */
    AUDIT
}
