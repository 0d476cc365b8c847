package dev.bulwark.dataplane.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.UsageEvent;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class RedisStreamsEventSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String TENANT = UUID.randomUUID().toString();

    static UsageEvent usage(int n) {
        return new UsageEvent("req-" + n, Instant.parse("2026-11-27T10:15:30.123Z"), "production", TENANT, "api-1", "app-1",
                "key-1", "getPet", "GET", 200 + (n % 4) * 100, 1_500 + n, 1_000, 120, 2_048);
    }

    static SecurityEvent security(int n) {
        return new SecurityEvent("sec-" + n, Instant.parse("2026-11-27T10:15:31Z"), "production",
                SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", TENANT, "api-1", null, "203.0.113.7", "GET",
                "/pets/1", "lookup id not found");
    }

    static EventShippingSettings settings(String prefix, int queue, int spool) {
        return new EventShippingSettings(prefix, queue, 100, Duration.ofMillis(50), 100_000, spool, 64L << 20,
                Duration.ofMillis(200));
    }

    @Test
    void eventsArriveInTheirStreamsAsVersionedJsonWithUniqueDeliveryIds(TestRedis redis) throws Exception {
        try (RedisStreamsEventSink sink = new RedisStreamsEventSink(redis.uri(), settings(redis.keyPrefix(), 1_000, 1_000),
                new SimpleMeterRegistry()).start()) {
            for (int i = 0; i < 250; i++) {
                sink.usage(usage(i));
            }
            sink.security(security(1));
            sink.security(security(2));

            List<StreamMessage<String, String>> usage = awaitEntries(redis.uri(), EventStreams.Kind.USAGE.streamKey(redis.keyPrefix()), 250);
            List<StreamMessage<String, String>> security = awaitEntries(redis.uri(), EventStreams.Kind.SECURITY.streamKey(redis.keyPrefix()), 2);

            assertThat(JSON.readValue(usage.get(7).getBody().get(EventStreams.FIELD_EVENT), UsageEvent.class)).isEqualTo(usage(7));
            assertThat(usage.get(7).getBody().get(EventStreams.FIELD_VERSION)).isEqualTo("1");
            assertThat(JSON.readValue(security.get(1).getBody().get(EventStreams.FIELD_EVENT), SecurityEvent.class)).isEqualTo(security(2));
            Set<String> ids = new HashSet<>();
            usage.forEach(message -> ids.add(message.getBody().get(EventStreams.FIELD_ID)));
            security.forEach(message -> ids.add(message.getBody().get(EventStreams.FIELD_ID)));
            assertThat(ids).hasSize(252);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.shipped(EventStreams.Kind.USAGE)).isEqualTo(250));
            assertThat(sink.dropped(EventStreams.Kind.USAGE)).isZero();
        }
    }

    @Test
    void eventsEmittedWhileRedisIsDownAreSpooledAndDeliveredWhenItReturns() throws Exception {
        try (LocalRedisServer server = new LocalRedisServer().start();
             RedisStreamsEventSink sink = new RedisStreamsEventSink(server.url(), settings("bw:", 1_000, 1_000),
                     new SimpleMeterRegistry()).start()) {
            sink.usage(usage(0));
            awaitEntries(server.url(), EventStreams.Kind.USAGE.streamKey("bw:"), 1);

            server.stop();
            for (int i = 1; i <= 60; i++) {
                sink.usage(usage(i));
            }
            sink.security(security(1));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.spoolSize()).isEqualTo(61));
            assertThat(sink.shipped(EventStreams.Kind.USAGE)).isEqualTo(1);

            server.start(); // same port, empty (no persistence): everything in it now came from the spool
            List<StreamMessage<String, String>> delivered = awaitEntries(server.url(), EventStreams.Kind.USAGE.streamKey("bw:"), 60);
            awaitEntries(server.url(), EventStreams.Kind.SECURITY.streamKey("bw:"), 1);
            assertThat(JSON.readValue(delivered.getFirst().getBody().get(EventStreams.FIELD_EVENT), UsageEvent.class))
                    .isEqualTo(usage(1));
            assertThat(sink.dropped(EventStreams.Kind.USAGE)).isZero();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.spoolSize()).isZero());
        }
    }

    @Test
    void beyondQueueAndSpoolCapacityEventsAreDroppedAndCountedExactly() throws Exception {
        int queueCapacity = 600;
        int spoolCapacity = 500;
        String unreachable = "redis://127.0.0.1:" + LocalRedisServer.freePort();
        try (RedisStreamsEventSink sink = new RedisStreamsEventSink(unreachable, settings("bw:", queueCapacity, spoolCapacity),
                new SimpleMeterRegistry()).start()) {
            for (int i = 0; i < spoolCapacity; i++) {
                sink.usage(usage(i));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.spoolSize()).isEqualTo(spoolCapacity));

            int overflow = 1_234;
            for (int i = 0; i < queueCapacity + overflow; i++) {
                sink.usage(usage(i));
            }
            sink.security(security(1));

            assertThat(sink.dropped(EventStreams.Kind.USAGE)).isEqualTo(overflow);
            assertThat(sink.dropped(EventStreams.Kind.SECURITY)).isEqualTo(1);
            assertThat(sink.queued(EventStreams.Kind.USAGE)).isEqualTo(spoolCapacity + queueCapacity);
            assertThat(sink.shipped(EventStreams.Kind.USAGE)).isZero();
        }
    }

    @Test
    void theEnqueuePathReturnsAtOnceFor100kEventsWhileRedisIsDown() throws Exception {
        String unreachable = "redis://127.0.0.1:" + LocalRedisServer.freePort();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RedisStreamsEventSink sink = new RedisStreamsEventSink(unreachable, EventShippingSettings.defaults("bw:"), registry).start()) {
            UsageEvent event = usage(1);
            long started = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                sink.usage(event);
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            // A liveness bound, not a benchmark: blocking on Redis even once would take the 1 s connect timeout.
            assertThat(elapsedMillis).isLessThan(1_000);
            assertThat(sink.queued(EventStreams.Kind.USAGE) + sink.dropped(EventStreams.Kind.USAGE)).isEqualTo(100_000);
            assertThat(registry.get("bulwark.events.dropped").tag("stream", "usage").functionCounter().count())
                    .isEqualTo(sink.dropped(EventStreams.Kind.USAGE));
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
