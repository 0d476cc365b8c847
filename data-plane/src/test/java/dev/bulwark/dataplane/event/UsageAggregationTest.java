package dev.bulwark.dataplane.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.UsageAggregate;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UsageAggregationTest {
    @Test
    void eachEventLoopFlushesItsOwnCountsOnItsTimerEvenWhenIdle() {
        Vertx vertx = Vertx.vertx();
        ConcurrentLinkedQueue<UsageAggregate> out = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> flushingThreads = new ConcurrentLinkedQueue<>();
        try (UsageAggregation aggregation = new UsageAggregation(50, aggregate -> {
            flushingThreads.add(Thread.currentThread().getName());
            out.add(aggregate);
        })) {
            List<Context> loops = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext());
            for (Context loop : loops) {
                loop.runOnContext(ignored -> {
                    for (int i = 0; i < 1_000; i++) {
                        aggregation.record("t", "api", "app", "key", 200 + i % 2, 900, 10, 20);
                    }
                });
            }
            // No request arrives after these: only the loops' timers can flush them.
            await().atMost(Duration.ofSeconds(30)).until(() -> out.stream().mapToLong(UsageAggregate::requests).sum() == 2_000);
            assertThat(flushingThreads).allMatch(name -> name.startsWith("vert.x-eventloop-thread"));
            assertThat(out).allMatch(a -> a.statusClass() == 2 && a.requestBytes() == 10 * a.requests());
            assertThat(aggregation.flushedRequests()).isEqualTo(2_000);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void closeFlushesWhatTheLoopsStillHold() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        ConcurrentLinkedQueue<UsageAggregate> out = new ConcurrentLinkedQueue<>();
        try {
            UsageAggregation aggregation = new UsageAggregation(3_600_000, out::add);
            CountDownLatch recorded = new CountDownLatch(1);
            vertx.getOrCreateContext().runOnContext(ignored -> {
                aggregation.record("t", "api", null, null, 503, 10, 0, 0);
                recorded.countDown();
            });
            assertThat(recorded.await(30, TimeUnit.SECONDS)).isTrue();
            aggregation.record("t", "api", null, null, 404, 10, 0, 0); // a caller without an event loop
            assertThat(out).isEmpty(); // hour-long interval: nothing flushed yet
            aggregation.close();
            assertThat(out).hasSize(2);
            assertThat(out).extracting(UsageAggregate::statusClass).containsExactlyInAnyOrder(4, 5);
            assertThat(out).allMatch(a -> a.errors() == 1);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aLoopWithMoreCombinationsThanItsTableHoldsFlushesEarlyAndLosesNothing() {
        ConcurrentLinkedQueue<UsageAggregate> out = new ConcurrentLinkedQueue<>();
        UsageAggregation aggregation = new UsageAggregation(3_600_000, out::add);
        int combinations = UsageAggregation.MAX_CELLS + 100;
        for (int i = 0; i < combinations; i++) {
            aggregation.record("t", "api", "app-" + i, null, 200, 10, 0, 0);
        }
        assertThat(out).hasSize(UsageAggregation.MAX_CELLS);
        aggregation.close();
        assertThat(out).hasSize(combinations);
        assertThat(aggregation.flushedRequests()).isEqualTo(combinations);
    }
}
