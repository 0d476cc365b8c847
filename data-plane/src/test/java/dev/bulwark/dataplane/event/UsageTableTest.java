package dev.bulwark.dataplane.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.UsageAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UsageTableTest {
    private static final long T0 = Instant.parse("2026-11-27T10:15:00Z").toEpochMilli();

    private record Combo(long minute, String tenant, String api, String app, String key, int statusClass) {
    }

    private static final class Expected {
        long requests;
        long bytesIn;
        long bytesOut;
        long latencySum;
        long lastAt;
        final long[] buckets = new long[LatencyBuckets.COUNT];
    }

    @Test
    void randomRequestsDrainToAggregatesThatMatchANaiveCountPerCombination() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            UsageTable table = new UsageTable(100_000);
            Map<Combo, Expected> expected = new HashMap<>();
            int requests = 1 + random.nextInt(5_000);
            for (int i = 0; i < requests; i++) {
                long now = T0 + random.nextLong(3 * 60_000); // spans minute boundaries
                // new String instances on purpose: equal identifiers must meet in one cell
                String tenant = new String("tenant-" + random.nextInt(3));
                String api = random.nextInt(10) == 0 ? null : "api-" + random.nextInt(4);
                String app = random.nextInt(5) == 0 ? null : "app-" + random.nextInt(20);
                String key = app == null ? null : "key-" + random.nextInt(2);
                int statusClass = 1 + random.nextInt(5);
                long latency = (long) Math.exp(random.nextDouble() * Math.log(120_000_000.0)); // 1 µs .. 120 s
                long in = random.nextInt(10_000);
                long out = random.nextInt(100_000);
                table.cell(now, tenant, api, app, key, statusClass).add(now, latency, in, out);
                Expected e = expected.computeIfAbsent(new Combo(now / 60_000, tenant, api, app, key, statusClass), c -> new Expected());
                e.requests++;
                e.bytesIn += in;
                e.bytesOut += out;
                e.latencySum += latency;
                e.lastAt = Math.max(e.lastAt, now);
                e.buckets[LatencyBuckets.bucketOf(latency)]++;
            }
            assertThat(table.size()).isEqualTo(expected.size());
            List<UsageAggregate> drained = new ArrayList<>();
            assertThat(table.drain(drained::add)).isEqualTo(requests);
            assertThat(table.size()).isZero();
            assertThat(drained).hasSize(expected.size());
            for (UsageAggregate a : drained) {
                Expected e = expected.get(new Combo(a.minute().toEpochMilli() / 60_000, a.tenantId(), a.apiId(), a.applicationId(),
                        a.keyId(), a.statusClass()));
                assertThat(e).as("seed %d: %s", seed, a).isNotNull();
                assertThat(a.minute().toEpochMilli() % 60_000).isZero();
                assertThat(a.requests()).isEqualTo(e.requests);
                assertThat(a.requestBytes()).isEqualTo(e.bytesIn);
                assertThat(a.responseBytes()).isEqualTo(e.bytesOut);
                assertThat(a.latencySumMicros()).isEqualTo(e.latencySum);
                assertThat(a.lastAt().toEpochMilli()).isEqualTo(e.lastAt);
                assertThat(a.latencyBuckets()).containsExactly(e.buckets);
            }
        }
    }

    @Test
    void aFullTableRefusesNewCombinationsButKeepsCountingKnownOnes() {
        UsageTable table = new UsageTable(3);
        for (int i = 0; i < 3; i++) {
            assertThat(table.cell(T0, "t", "api", "app-" + i, null, 2)).isNotNull();
        }
        assertThat(table.cell(T0, "t", "api", "app-3", null, 2)).isNull();
        assertThat(table.cell(T0, "t", "api", "app-1", null, 2)).isNotNull();
        assertThat(table.drain(a -> { })).isZero(); // cells found but nothing added
        assertThat(table.cell(T0, "t", "api", "app-3", null, 2)).isNotNull();
    }
}
