package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.LatencyBuckets;

/**
 * Reading the usage rollups' latency histograms. The buckets are the contract's
 * {@link LatencyBuckets}, the same the gateway fills, so histograms add element-wise: bucket
 * {@code i < 39} counts latencies in ({@code bound(i-1)}, {@code bound(i)}] microseconds with
 * {@code bound(i) = round(100 * 2^(i/2))}: 100 µs, 141 µs, 200 µs … 52.4 s (each √2 wider than the
 * last, so an estimate is within about ±20%). Bucket 39 counts everything slower than 52.4 s.
 */
public final class LatencyHistogram {
    public static final int BUCKETS = LatencyBuckets.COUNT;

    private LatencyHistogram() {
    }

    /** Upper bound of bucket {@code index} in microseconds; the last bucket has none. */
    public static long upperBoundMicros(int index) {
        return LatencyBuckets.upperBoundMicros(index);
    }

    public static int bucketOf(long latencyMicros) {
        return LatencyBuckets.bucketOf(latencyMicros);
    }

    /**
     * The {@code quantile} (0..1] estimated in milliseconds, interpolating linearly inside the bucket
     * that holds the rank; null when the histogram is empty. In the open last bucket the estimate is
     * its lower bound, an understatement that the docs call out.
     */
    public static Double quantileMillis(long[] buckets, double quantile) {
        long total = 0;
        for (long count : buckets) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (seen + buckets[i] >= rank) {
                double lower = i == 0 ? 0 : LatencyBuckets.upperBoundMicros(i - 1);
                if (i == buckets.length - 1) {
                    return lower / 1000.0;
                }
                double upper = LatencyBuckets.upperBoundMicros(i);
                double micros = lower + (upper - lower) * (rank - seen) / buckets[i];
                return Math.round(micros) / 1000.0;
            }
            seen += buckets[i];
        }
        throw new IllegalStateException("unreachable: rank within total");
    }
}
