package dev.bulwark.dataplane.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class RedisStreamsEventSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String TENANT = UUID.randomUUID().toString();

    static SecurityEvent security(int n) {
        return new SecurityEvent("sec-" + n, Instant.parse("2026-11-27T10:15:31Z"), "production",
                SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", TENANT, "api-1", null, "203.0.113.7", "GET",
                "/pets/1", "lookup id not found");
    }

    static EventShippingSettings settings(String prefix, int queue, int spool) {
        return new EventShippingSettings(prefix, queue, 100, Duration.ofMillis(50), 100_000, spool, 64L << 20,
                Duration.ofMillis(200), Duration.ofMillis(100));
    }

    /** Runs {@code work} on one Vert.x event loop, as the gateway's requests do, and waits for it. */
    static void onEventLoop(Vertx vertx, Runnable work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        vertx.getOrCreateContext().runOnContext(ignored -> {
            work.run();
            done.countDown();
        });
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    }

    static List<UsageAggregate> aggregates(List<StreamMessage<String, String>> entries) throws Exception {
        List<UsageAggregate> aggregates = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            assertThat(entry.getBody().get(EventStreams.FIELD_VERSION)).isEqualTo(EventStreams.AGGREGATE_VERSION);
            aggregates.add(JSON.readValue(entry.getBody().get(EventStreams.FIELD_EVENT), UsageAggregate.class));
        }
        return aggregates;
    }

    @Test
    void requestsArriveAsVersionedAggregatesAndSecurityEventsOneEntryEachWithUniqueDeliveryIds(TestRedis redis) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (RedisStreamsEventSink sink = new RedisStreamsEventSink(redis.uri(), settings(redis.keyPrefix(), 1_000, 1_000),
                new SimpleMeterRegistry()).start()) {
            // 250 requests, 2 applications x 2 status classes: far fewer entries than requests.
            onEventLoop(vertx, () -> {
                for (int i = 0; i < 250; i++) {
                    sink.request(TENANT, "api-1", "app-" + (i % 2), "key-1", i < 200 ? 200 : 503, 1_000 + i, 120, 2_048);
                }
            });
            sink.security(security(1));
            sink.security(security(2));

            String usageKey = EventStreams.Kind.USAGE.streamKey(redis.keyPrefix());
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.aggregatedRequests() == 250
                    && sink.shipped(EventStreams.Kind.USAGE) == sink.queued(EventStreams.Kind.USAGE));
            assertThat(sink.shipped(EventStreams.Kind.USAGE)).isBetween(4L, 8L);
            List<UsageAggregate> usage = aggregates(awaitEntries(redis.uri(), usageKey, (int) sink.shipped(EventStreams.Kind.USAGE)));
            assertThat(usage.stream().mapToLong(UsageAggregate::requests).sum()).isEqualTo(250);
            assertThat(usage.stream().filter(a -> a.statusClass() == 5).mapToLong(UsageAggregate::errors).sum()).isEqualTo(50);
            assertThat(usage.stream().mapToLong(UsageAggregate::responseBytes).sum()).isEqualTo(250 * 2_048L);
            long[] buckets = new long[LatencyBuckets.COUNT];
            usage.forEach(a -> {
                assertThat(a.tenantId()).isEqualTo(TENANT);
                assertThat(a.keyId()).isEqualTo("key-1");
                for (int i = 0; i < buckets.length; i++) {
                    buckets[i] += a.latencyBuckets()[i];
                }
            });
            long[] expected = new long[LatencyBuckets.COUNT];
            for (int i = 0; i < 250; i++) {
                expected[LatencyBuckets.bucketOf(1_000 + i)]++;
            }
            assertThat(buckets).containsExactly(expected);

            List<StreamMessage<String, String>> securityEntries = awaitEntries(redis.uri(), EventStreams.Kind.SECURITY.streamKey(redis.keyPrefix()), 2);
            assertThat(securityEntries.get(1).getBody().get(EventStreams.FIELD_VERSION)).isEqualTo(EventStreams.SCHEMA_VERSION);
            assertThat(JSON.readValue(securityEntries.get(1).getBody().get(EventStreams.FIELD_EVENT), SecurityEvent.class)).isEqualTo(security(2));
            Set<String> ids = new HashSet<>();
            awaitEntries(redis.uri(), usageKey, usage.size()).forEach(message -> ids.add(message.getBody().get(EventStreams.FIELD_ID)));
            securityEntries.forEach(message -> ids.add(message.getBody().get(EventStreams.FIELD_ID)));
            assertThat(ids).hasSize(usage.size() + 2);
            assertThat(sink.aggregatedRequests()).isEqualTo(250);
            assertThat(sink.dropped(EventStreams.Kind.USAGE)).isZero();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aggregatesFlushedWhileRedisIsDownAreSpooledAndDeliveredWhenItReturns() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LocalRedisServer server = new LocalRedisServer().start();
             RedisStreamsEventSink sink = new RedisStreamsEventSink(server.url(), settings("bw:", 1_000, 1_000),
                     new SimpleMeterRegistry()).start()) {
            onEventLoop(vertx, () -> sink.request(TENANT, "api-1", "app-first", null, 200, 100, 0, 0));
            awaitEntries(server.url(), EventStreams.Kind.USAGE.streamKey("bw:"), 1);

            server.stop();
            // 60 applications: 60 aggregates from one flush.
            onEventLoop(vertx, () -> {
                for (int i = 1; i <= 60; i++) {
                    sink.request(TENANT, "api-1", "app-" + i, null, 200, 100, 0, 0);
                    sink.request(TENANT, "api-1", "app-" + i, null, 200, 100, 0, 0);
                }
            });
            sink.security(security(1));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.spoolSize()).isEqualTo(61));
            assertThat(sink.shipped(EventStreams.Kind.USAGE)).isEqualTo(1);

            server.start(); // same port, empty (no persistence): everything in it now came from the spool
            List<UsageAggregate> delivered = aggregates(awaitEntries(server.url(), EventStreams.Kind.USAGE.streamKey("bw:"), 60));
            awaitEntries(server.url(), EventStreams.Kind.SECURITY.streamKey("bw:"), 1);
            assertThat(delivered).allMatch(a -> a.requests() == 2);
            assertThat(delivered).extracting(UsageAggregate::applicationId).doesNotHaveDuplicates().doesNotContain("app-first");
            assertThat(sink.dropped(EventStreams.Kind.USAGE)).isZero();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.spoolSize()).isZero());
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void beyondQueueAndSpoolCapacityAggregatesAreDroppedAndCountedExactly() throws Exception {
        int queueCapacity = 600;
        int spoolCapacity = 500;
        String unreachable = "redis://127.0.0.1:" + LocalRedisServer.freePort();
        Vertx vertx = Vertx.vertx();
        try (RedisStreamsEventSink sink = new RedisStreamsEventSink(unreachable, settings("bw:", queueCapacity, spoolCapacity),
                new SimpleMeterRegistry()).start()) {
            // One request per application: one aggregate each.
            onEventLoop(vertx, () -> {
                for (int i = 0; i < spoolCapacity; i++) {
                    sink.request(TENANT, "api-1", "app-" + i, null, 200, 100, 0, 0);
                }
            });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.spoolSize()).isEqualTo(spoolCapacity));

            int overflow = 1_234;
            onEventLoop(vertx, () -> {
                for (int i = 0; i < queueCapacity + overflow; i++) {
                    sink.request(TENANT, "api-1", "other-" + i, null, 200, 100, 0, 0);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.aggregatedRequests() == spoolCapacity + queueCapacity + overflow);
            sink.security(security(1));

            assertThat(sink.dropped(EventStreams.Kind.USAGE)).isEqualTo(overflow);
            assertThat(sink.droppedRequests()).isEqualTo(overflow);
            assertThat(sink.dropped(EventStreams.Kind.SECURITY)).isEqualTo(1);
            assertThat(sink.queued(EventStreams.Kind.USAGE)).isEqualTo(spoolCapacity + queueCapacity);
            assertThat(sink.shipped(EventStreams.Kind.USAGE)).isZero();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void theRequestPathReturnsAtOnceFor100kRequestsWhileRedisIsDown() throws Exception {
        String unreachable = "redis://127.0.0.1:" + LocalRedisServer.freePort();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Vertx vertx = Vertx.vertx();
        try (RedisStreamsEventSink sink = new RedisStreamsEventSink(unreachable, EventShippingSettings.defaults("bw:"), registry).start()) {
            long[] elapsedMillis = new long[1];
            onEventLoop(vertx, () -> {
                long started = System.nanoTime();
                for (int i = 0; i < 100_000; i++) {
                    sink.request(TENANT, "api-1", "app-" + (i % 7), "key-1", 200 + (i % 4) * 100, 1_500 + i, 120, 2_048);
                }
                elapsedMillis[0] = (System.nanoTime() - started) / 1_000_000;
            });

            // A liveness bound, not a benchmark: blocking on Redis even once would take the 1 s connect timeout.
            assertThat(elapsedMillis[0]).isLessThan(1_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.aggregatedRequests() == 100_000);
            assertThat(sink.queued(EventStreams.Kind.USAGE)).isBetween(28L, 28L * 3); // 7 apps x 4 classes per flush
            assertThat(registry.get("bulwark.usage.requests").functionCounter().count()).isEqualTo(100_000);
        } finally {
            vertx.close().await();
        }
    }

    private static List<StreamMessage<String, String>> awaitEntries(String uri, String key, int expected) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ToLongFunction<String> length = k -> connection.sync().xlen(k);
            await().atMost(Duration.ofSeconds(60)).until(() -> length.applyAsLong(key) >= expected);
            List<StreamMessage<String, String>> entries = connection.sync().xrange(key, Range.create("-", "+"));
            assertThat(entries).hasSize(expected);
            return entries;
        } finally {
            client.shutdown();
        }
    }
}
