package dev.bulwark.controlplane.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * A learned baseline of one measure (requests or errors per window) of one group: the current
 * window's running value, and an exponentially weighted moving mean and variance of the windows
 * before it (weight {@link #ALPHA}: the last ~30 windows count most). Empty windows count as zero.
 * Immutable; the detector keeps it in {@code incident_baseline}.
 *
 * @param samples windows folded into the mean so far; below {@link #WARM_UP} the baseline is still learning
 */
record Baseline(Instant bucketStart, long bucketValue, double mean, double variance, int samples) {
    /** Windows learned before a baseline may flag anything. */
    static final int WARM_UP = 30;
    /** Smoothing of an EWMA spanning {@link #WARM_UP} windows: 2 / (N + 1). */
    static final double ALPHA = 2.0 / (WARM_UP + 1);
    /** How far above the mean, in standard deviations, a window is anomalous. */
    static final double DEVIATIONS = 4.0;
    /** Past this many empty windows the mean is ~0 (0.94^240 < 1e-6): stop folding them one by one. */
    private static final int MAX_GAP = 240;

    static Baseline first(Instant bucket) {
        return new Baseline(bucket, 0, 0, 0, 0);
    }

    /**
     * Adds {@code value} to the window starting at {@code bucket}. A later window first folds the
     * current one (and the empty ones between) into the mean; a value for an earlier window than the
     * current one is too late to change anything and is dropped.
     */
    Baseline add(Instant bucket, long value, Duration window) {
        if (bucket.isBefore(bucketStart)) {
            return this;
        }
        if (bucket.equals(bucketStart)) {
            return new Baseline(bucketStart, bucketValue + value, mean, variance, samples);
        }
        long gap = Duration.between(bucketStart, bucket).toMillis() / window.toMillis();
        double m = mean;
        double v = variance;
        int n = samples;
        for (long i = 0; i < Math.min(gap, MAX_GAP); i++) {
            double x = i == 0 ? bucketValue : 0;
            double diff = x - m;
            double increment = ALPHA * diff;
            m += increment;
            v = (1 - ALPHA) * (v + diff * increment); // West/Finch incremental EWM variance
            n = (int) Math.min(Integer.MAX_VALUE, (long) n + 1);
        }
        if (gap > MAX_GAP) {
            n = (int) Math.min(Integer.MAX_VALUE, n + gap - MAX_GAP);
        }
        return new Baseline(bucket, value, m, v, n);
    }

    boolean learning() {
        return samples < WARM_UP;
    }

    /** The most a window may hold and still be normal: the mean plus four deviations, never below {@code floor}. */
    long limit(int floor) {
        return Math.max(floor, (long) Math.ceil(mean + DEVIATIONS * Math.sqrt(Math.max(variance, 0))));
    }
}
