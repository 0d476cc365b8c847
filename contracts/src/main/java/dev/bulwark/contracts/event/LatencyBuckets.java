package dev.bulwark.contracts.event;

/**
 * The fixed log-scale latency buckets of usage histograms, shared by the gateway (which fills them)
 * and the control plane (which adds them element-wise). Bucket {@code i < 39} counts latencies in
 * ({@code bound(i-1)}, {@code bound(i)}] microseconds with {@code bound(i) = round(100 * 2^(i/2))};
 * bucket 39 counts everything slower than 52.4 s. Changing the bounds breaks every stored histogram.
 */
public final class LatencyBuckets {
    public static final int COUNT = 40;
    private static final long[] UPPER_BOUNDS_MICROS = new long[COUNT - 1];

    static {
        for (int i = 0; i < UPPER_BOUNDS_MICROS.length; i++) {
            UPPER_BOUNDS_MICROS[i] = Math.round(100 * Math.pow(2, i / 2.0));
        }
    }

    private LatencyBuckets() {
    }

    /** Upper bound of bucket {@code index} in microseconds; the last bucket has none. */
    public static long upperBoundMicros(int index) {
        return UPPER_BOUNDS_MICROS[index];
    }

    /** The bucket of a latency: a binary search over 39 bounds, no allocation. */
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
}
