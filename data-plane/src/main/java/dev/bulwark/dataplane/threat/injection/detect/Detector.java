package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import java.util.List;

/**
 * The detectors of one family. A detector reads one normalised value and returns the first of its
 * rules that matches, or null. Contract: linear time in the value (no backtracking; every
 * look-ahead bounded by a constant), no allocation on the common path, no state between calls
 * except scratch buffers owned by the {@link Subject}.
 */
public interface Detector {
    ThreatFamily family();

    /** Every rule this detector can return, for the catalogue (docs, exclusions by rule id, tests). */
    List<Rule> rules();

    Rule match(Subject subject);

    /**
     * What a value must contain for any rule of this detector to match (see {@link Gate}); the
     * engine skips the detector on values that do not meet it. Default: no declaration, always run.
     */
    default Gate gate() {
        return Gate.ALWAYS;
    }

    /** Whether each path segment is also read on its own (families that parse a value from its start). */
    default boolean readsSegments() {
        return false;
    }
}
