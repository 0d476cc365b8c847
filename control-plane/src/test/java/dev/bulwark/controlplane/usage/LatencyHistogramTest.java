package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsAreClosedAboveAndGrowBySquareRootOfTwo() {
        assertThat(LatencyHistogram.upperBoundMicros(0)).isEqualTo(100);
        assertThat(LatencyHistogram.upperBoundMicros(1)).isEqualTo(141);
        assertThat(LatencyHistogram.upperBoundMicros(2)).isEqualTo(200);
        assertThat(LatencyHistogram.upperBoundMicros(38)).isEqualTo(52_428_800);
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(100)).isZero();
        assertThat(LatencyHistogram.bucketOf(101)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(52_428_800)).isEqualTo(38);
        assertThat(LatencyHistogram.bucketOf(52_428_801)).isEqualTo(39);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
    }

    @Test
    void anEmptyHistogramHasNoQuantilesAndTheOpenBucketReportsItsLowerBound() {
        assertThat(LatencyHistogram.quantileMillis(new long[LatencyHistogram.BUCKETS], 0.5)).isNull();
        long[] slow = new long[LatencyHistogram.BUCKETS];
        slow[LatencyHistogram.BUCKETS - 1] = 3;
        assertThat(LatencyHistogram.quantileMillis(slow, 0.99)).isEqualTo(52_428.8);
    }

    @RepeatedTest(50)
    void estimatesStayWithinOneBucketOfTheExactQuantile(RepetitionInfo repetition) {
        long seed = 0x5eed_0000L + repetition.getCurrentRepetition();
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(5_000);
        long[] samples = new long[n];
        long[] buckets = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < n; i++) {
            // Log-uniform between 50 µs and 10 s, like real latency spreads.
            samples[i] = (long) Math.exp(Math.log(50) + random.nextDouble() * (Math.log(10_000_000) - Math.log(50)));
            buckets[LatencyHistogram.bucketOf(samples[i])]++;
        }
        Arrays.sort(samples);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            long exact = samples[(int) Math.max(0, Math.ceil(q * n) - 1)];
            double estimateMicros = LatencyHistogram.quantileMillis(buckets, q) * 1000;
            int bucket = LatencyHistogram.bucketOf(exact);
            double lower = bucket == 0 ? 0 : LatencyHistogram.upperBoundMicros(bucket - 1);
            double upper = LatencyHistogram.upperBoundMicros(bucket);
            assertThat(estimateMicros).as("seed %d, q %s, exact %d", seed, q, exact).isBetween(lower - 1, upper + 1);
        }
    }
}
