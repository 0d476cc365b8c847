package dev.bulwark.controlplane.incident;

import java.time.Duration;
import java.time.Instant;

/** A detector's effective settings for one tenant: its override, or the defaults. */
public record DetectorSettings(Detector detector, boolean enabled, int threshold, Duration window) {

    static DetectorSettings defaults(Detector detector) {
        return new DetectorSettings(detector, true, detector.defaultThreshold(), detector.defaultWindow());
    }

    /** Start of the fixed window {@code at} falls in (windows are aligned on the epoch). */
    Instant windowStart(Instant at) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }
}
