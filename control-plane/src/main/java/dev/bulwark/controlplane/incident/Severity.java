package dev.bulwark.controlplane.incident;

import java.util.Locale;

/** How urgent an incident is; ordered, so the higher of two wins. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Severity parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The detector's severity, raised to critical when a window reaches ten times the threshold. */
    static Severity of(Detector detector, long measure, int threshold) {
        return measure >= 10L * threshold ? CRITICAL : detector.severity();
    }

    Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
