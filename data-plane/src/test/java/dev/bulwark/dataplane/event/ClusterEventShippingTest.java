package dev.bulwark.dataplane.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.dataplane.redis.RedisTarget;
import dev.bulwark.testing.LocalRedisCluster;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.SlotHash;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Usage and security events shipped to a real Redis Cluster land in one slot, readable together. */
class ClusterEventShippingTest {

    @Test
    void bothStreamsShareTheEventsSlotOnOnePrimaryAndCarryEveryEvent() throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
        String usageKey = EventStreams.Kind.USAGE.streamKey(prefix);
        String securityKey = EventStreams.Kind.SECURITY.streamKey(prefix);
        assertThat(SlotHash.getSlot(usageKey)).as("one slot: XREADGROUP reads both streams in one call")
                .isEqualTo(SlotHash.getSlot(securityKey));
        Vertx vertx = Vertx.vertx();
        try (LocalRedisCluster cluster = LocalRedisCluster.start();
                RedisStreamsEventSink sink = new RedisStreamsEventSink(RedisTarget.parse(cluster.seedUrls(), true),
                        RedisStreamsEventSinkTest.settings(prefix, 1_000, 1_000))) {
            sink.bindTo(new SimpleMeterRegistry());
            sink.start();
            RedisStreamsEventSinkTest.onEventLoop(vertx, () -> {
                for (int i = 0; i < 120; i++) {
                    sink.request("tenant-c", "api-1", "app-1", "key-1", 200, 1_000, 100, 512);
                }
            });
            sink.security(RedisStreamsEventSinkTest.security(1));

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.aggregatedRequests() == 120
                    && sink.shipped(EventStreams.Kind.USAGE) == sink.queued(EventStreams.Kind.USAGE)
                    && sink.shipped(EventStreams.Kind.SECURITY) == 1);
            int primary = cluster.primaryOf(usageKey);
            List<StreamMessage<String, String>> usage = cluster.withNode(primary, redis -> redis.xrange(usageKey, Range.create("-", "+")));
            List<UsageAggregate> aggregates = RedisStreamsEventSinkTest.aggregates(usage);
            assertThat(aggregates.stream().mapToLong(UsageAggregate::requests).sum()).isEqualTo(120);
            long security = cluster.withNode(primary, redis -> redis.xlen(securityKey));
            assertThat(security).isEqualTo(1L);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
