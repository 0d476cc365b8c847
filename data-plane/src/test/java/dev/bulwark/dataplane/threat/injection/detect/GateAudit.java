package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.Detectors;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import java.util.List;

/**
 * Test helper: checks a detector's {@link Gate} against a value read as every kind of input, at
 * both sensitivities: whenever the prefilter would skip the detector, the detector must find nothing.
 */
public final class GateAudit {
    private static final ThreadLocal<Subject> SUBJECT = ThreadLocal.withInitial(Subject::new);

    private GateAudit() {
    }

    public static Detector detector(ThreatFamily family) {
        return Detectors.all().stream().filter(d -> d.family() == family).findFirst().orElseThrow();
    }

    /** @return a description of the first hole found, or null */
    public static String hole(Detector detector, CharSequence value) {
        Prefilter prefilter = new Prefilter(new Detector[] {detector});
        return hole(detector, prefilter, value);
    }

    /** Adds to {@code holes} each detector's hole on {@code value} (the random-value audits of the gate tests). */
    public static void collectHoles(Detector[] detectors, CharSequence value, List<String> holes) {
        for (Detector detector : detectors) {
            String hole = hole(detector, value);
            if (hole != null) {
                holes.add(hole);
            }
        }
    }

    static String hole(Detector detector, Prefilter prefilter, CharSequence value) {
        Subject subject = SUBJECT.get();
        // a same-site Referer only takes findings away (session fixation), and an escaped identifier always admits the
        // one family that reads it (XSS): the subject without either is the one that can expose a hole
        for (InputKind kind : InputKind.values()) {
            for (ThreatSensitivity sensitivity : ThreatSensitivity.values()) {
                subject.set(value, kind, kind.isName() ? value : "q", sensitivity).escapedIdentifier(false);
                subject.sameSiteReferer(false);
                if (prefilter.admitted(subject) != 0) {
                    continue;
                }
                Rule rule = detector.match(subject);
                if (rule != null) {
                    return detector.family() + " skipped but " + rule.id() + " matches '" + value + "' as " + kind + " at " + sensitivity;
                }
            }
        }
        return null;
    }

    /** Throws when the family's declaration would hide a finding on {@code value}. */
    public static void assertSound(ThreatFamily family, CharSequence value) {
        String hole = hole(detector(family), value);
        if (hole != null) {
            throw new AssertionError(hole);
        }
    }
}
