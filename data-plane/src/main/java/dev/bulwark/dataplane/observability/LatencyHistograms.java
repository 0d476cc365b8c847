package dev.bulwark.dataplane.observability;

import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.netty.util.concurrent.FastThreadLocal;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Latency histograms recorded per thread (one shard per event loop) and summed only when Prometheus
 * scrapes. A request costs a thread-local lookup, a binary search over the bucket bounds and three
 * plain stores into arrays only its own thread writes: no atomics, no shared cache lines, no clock
 * read (Micrometer's timer did a LongAdder, a CAS loop for the max and a histogram of atomics per
 * request). The buckets are Micrometer's percentile-histogram buckets for the same range, so the
 * published series look as before.
 *
 * <p>Each series is an array of the bucket counts, then the sum (ns), the max (ns) and the max's
 * epoch. The max is the largest value since the start of the previous epoch (a minute, advanced
 * when scraped), like Micrometer's decaying max.
 */
final class LatencyHistograms {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long EPOCH_NANOS = Duration.ofMinutes(1).toNanos();

    private final long[] bounds;
    private final double[] boundsSeconds;
    private final int seriesPerKey;
    private final CopyOnWriteArrayList<Shard> shards = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<Shard> shard = new FastThreadLocal<>() {
        @Override
        protected Shard initialValue() {
            Shard created = new Shard();
            shards.add(created);
            return created;
        }
    };
    /** Read on every record (a plain load on x86), written by the scraping thread. */
    private volatile long epoch;
    private final long epochOrigin = System.nanoTime();

    /** @param seriesPerKey how many label combinations each key (an API) has, indexed 0..n-1 */
    LatencyHistograms(Duration min, Duration max, int seriesPerKey) {
        this.bounds = bucketBounds(min, max);
        this.boundsSeconds = new double[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            boundsSeconds[i] = bounds[i] / 1e9;
        }
        boundsSeconds[bounds.length] = Double.POSITIVE_INFINITY;
        this.seriesPerKey = seriesPerKey;
    }

    /** Micrometer's percentile-histogram bucket bounds (ns) between min and max, as its Prometheus timer publishes them. */
    static long[] bucketBounds(Duration min, Duration max) {
        DistributionStatisticConfig config = DistributionStatisticConfig.builder().percentilesHistogram(true)
                .minimumExpectedValue((double) min.toNanos()).maximumExpectedValue((double) max.toNanos()).build()
                .merge(DistributionStatisticConfig.DEFAULT);
        return config.getHistogramBuckets(true).stream().mapToLong(Double::longValue).toArray();
    }

    void record(String key, int series, long nanos) {
        long[][] all = shard.get().series(key, seriesPerKey);
        long[] counts = all[series];
        if (counts == null) {
            counts = new long[bounds.length + 4];
            all[series] = counts;
        }
        int bucket = Arrays.binarySearch(bounds, nanos);
        if (bucket < 0) {
            bucket = -bucket - 1; // the first bound above the value (bounds are upper-inclusive)
        }
        int sum = bounds.length + 1;
        add(counts, bucket, 1);
        add(counts, sum, nanos);
        long current = epoch;
        if ((long) SLOT.getOpaque(counts, sum + 2) != current) {
            SLOT.setOpaque(counts, sum + 1, nanos);
            SLOT.setOpaque(counts, sum + 2, current);
        } else if (nanos > (long) SLOT.getOpaque(counts, sum + 1)) {
            SLOT.setOpaque(counts, sum + 1, nanos);
        }
    }

    /** Single writer per array: a read and a store, visible to the scraper without a fence. */
    private static void add(long[] counts, int index, long delta) {
        SLOT.setOpaque(counts, index, (long) SLOT.getOpaque(counts, index) + delta);
    }

    /**
     * The histogram and its max gauge, summed over every thread's shard; only series that saw a value.
     *
     * @param labels the labels of series {@code i} of {@code key}
     */
    List<io.prometheus.metrics.model.snapshots.MetricSnapshot> collect(String name, String help, LabelsOf labels) {
        long now = (System.nanoTime() - epochOrigin) / EPOCH_NANOS;
        if (now != epoch) {
            epoch = now;
        }
        Map<String, long[][]> totals = new TreeMap<>();
        for (Shard s : shards) {
            for (Map.Entry<String, long[][]> entry : s.byKey.entrySet()) {
                long[][] into = totals.computeIfAbsent(entry.getKey(), k -> new long[seriesPerKey][]);
                long[][] from = entry.getValue();
                for (int i = 0; i < seriesPerKey; i++) {
                    long[] source = from[i];
                    if (source != null) {
                        mergeInto(into, i, source, now);
                    }
                }
            }
        }
        List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>();
        List<GaugeSnapshot.GaugeDataPointSnapshot> maxima = new ArrayList<>();
        for (Map.Entry<String, long[][]> entry : totals.entrySet()) {
            for (int i = 0; i < seriesPerKey; i++) {
                long[] total = entry.getValue()[i];
                if (total == null) {
                    continue;
                }
                Labels series = labels.of(entry.getKey(), i);
                points.add(new HistogramSnapshot.HistogramDataPointSnapshot(
                        ClassicHistogramBuckets.of(boundsSeconds, Arrays.copyOf(total, bounds.length + 1)),
                        total[bounds.length + 1] / 1e9, series, Exemplars.EMPTY, 0L));
                maxima.add(new GaugeSnapshot.GaugeDataPointSnapshot(total[bounds.length + 2] / 1e9, series, null));
            }
        }
        return List.of(new HistogramSnapshot(new MetricMetadata(name, help, Unit.SECONDS), points),
                new GaugeSnapshot(new MetricMetadata(name + "_max", help), maxima));
    }

    private void mergeInto(long[][] into, int i, long[] source, long now) {
        long[] total = into[i];
        if (total == null) {
            total = new long[bounds.length + 3];
            into[i] = total;
        }
        for (int b = 0; b <= bounds.length + 1; b++) {
            total[b] += (long) SLOT.getOpaque(source, b);
        }
        long maxEpoch = (long) SLOT.getOpaque(source, bounds.length + 3);
        if (maxEpoch >= now - 1) {
            total[bounds.length + 2] = Math.max(total[bounds.length + 2], (long) SLOT.getOpaque(source, bounds.length + 2));
        }
    }

    /** The labels of one series. */
    interface LabelsOf {
        Labels of(String key, int series);
    }

    /** One thread's series by key; only that thread writes the arrays. */
    private static final class Shard {
        private final ConcurrentHashMap<String, long[][]> byKey = new ConcurrentHashMap<>();

        long[][] series(String key, int size) {
            long[][] found = byKey.get(key);
            if (found == null) {
                found = new long[size][];
                byKey.put(key, found);
            }
            return found;
        }
    }

}
