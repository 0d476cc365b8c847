package dev.bulwark.controlplane.usage;

/**
 * Fixed log-scale latency buckets shared by every rollup row, so histograms add element-wise.
 * Bucket {@code i < 39} counts latencies in ({@code bound(i-1)}, {@code bound(i)}] microseconds with
 * {@code bound(i) = round(100 * 2^(i/2))}: 100 µs, 141 µs, 200 µs … 52.4 s (each √2 wider than the
 * last, so an estimate is within about ±20%). Bucket 39 counts everything slower than 52.4 s.
 */
public final class LatencyHistogram {
    public static final int BUCKETS = 40;
    private static final long[] UPPER_BOUNDS_MICROS = new long[BUCKETS - 1];

    static {
        for (int i = 0; i < UPPER_BOUNDS_MICROS.length; i++) {
            UPPER_BOUNDS_MICROS[i] = Math.round(100 * Math.pow(2, i / 2.0));
        }
    }

    private LatencyHistogram() {
    }

    /** Upper bound of bucket {@code index} in microseconds; the last bucket has none. */
    public static long upperBoundMicros(int index) {
        return UPPER_BOUNDS_MICROS[index];
    }

    public static int bucketOf(long latencyMicros) {
        int low = 0;
        int high = UPPER_BOUNDS_MICROS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (latencyMicros <= UPPER_BOUNDS_MICROS[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
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
                double lower = i == 0 ? 0 : UPPER_BOUNDS_MICROS[i - 1];
                if (i == buckets.length - 1) {
                    return lower / 1000.0;
                }
                double upper = UPPER_BOUNDS_MICROS[i];
                double micros = lower + (upper - lower) * (rank - seen) / buckets[i];
                return Math.round(micros) / 1000.0;
            }
            seen += buckets[i];
        }
        throw new IllegalStateException("unreachable: rank within total");
    }
}
