package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.event.LatencyBuckets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gateway fills histograms with the contract's buckets; the rollups and queries read them with LatencyHistogram. */
class SharedLatencyBucketsTest {
    @Test
    void theGatewaysBucketsAreTheRollupsBuckets() {
        assertThat(LatencyBuckets.COUNT).isEqualTo(LatencyHistogram.BUCKETS);
        for (int i = 0; i < LatencyBuckets.COUNT - 1; i++) {
            assertThat(LatencyBuckets.upperBoundMicros(i)).isEqualTo(LatencyHistogram.upperBoundMicros(i));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long micros = (long) Math.exp(random.nextDouble() * Math.log(200_000_000.0));
            assertThat(LatencyBuckets.bucketOf(micros)).isEqualTo(LatencyHistogram.bucketOf(micros));
        }
    }
}
