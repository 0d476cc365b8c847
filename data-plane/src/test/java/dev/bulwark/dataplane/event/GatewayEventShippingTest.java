package dev.bulwark.dataplane.event;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real gateway, its pipeline and the Redis Streams sink together: requests become usage aggregates. */
@ExtendWith(RealServicesExtension.class)
class GatewayEventShippingTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final long SLOW_MICROS = 60_000;

    @Test
    void nRequestsThroughTheGatewayYieldAggregatesSummingToNWithTheirLatencyHistogram(TestRedis redis) throws Exception {
        Vertx vertx = Vertx.vertx();
        TestUpstream upstream = TestUpstream.start(vertx, request -> {
            if (request.path().contains("late-")) {
                vertx.setTimer(SLOW_MICROS / 1_000, id -> request.response().end("late"));
            } else {
                request.response().end("ok");
            }
        });
        RedisStreamsEventSink sink = new RedisStreamsEventSink(redis.uri(), EventShippingSettings.defaults(redis.keyPrefix())).start();
        ApiKeyAuthConfig apiKey = new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-API-Key", null);
        int fast = 300;
        int slow = 12;
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("open", "/open", upstream.url()),
                api("slow", "/slow", upstream.url()), api("secured", "/secured", upstream.url(), apiKey)), Map.of(), sink)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < fast; i++) {
                assertThat(get(http, gateway.url("/open/a" + i), null)).isEqualTo(200);
            }
            for (int i = 0; i < slow; i++) {
                assertThat(get(http, gateway.url("/slow/late-" + i), null)).isEqualTo(200);
            }
            assertThat(get(http, gateway.url("/secured/c"), "bad")).isEqualTo(401);

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.aggregatedRequests() == fast + slow + 1
                    && sink.shipped(EventStreams.Kind.USAGE) == sink.queued(EventStreams.Kind.USAGE));
            List<UsageAggregate> usage = new ArrayList<>();
            for (StreamMessage<String, String> entry : entries(redis, EventStreams.Kind.USAGE, (int) sink.shipped(EventStreams.Kind.USAGE))) {
                assertThat(entry.getBody().get(EventStreams.FIELD_VERSION)).isEqualTo(EventStreams.AGGREGATE_VERSION);
                usage.add(JSON.readValue(entry.getBody().get(EventStreams.FIELD_EVENT), UsageAggregate.class));
            }
            // Aggregated: entries per loop, flush second and combination, not one per request (the bound
            // leaves room for a slow box, where the requests spread over more flush seconds).
            assertThat(usage.size()).isLessThan((fast + slow + 1) / 4);
            assertThat(requests(usage, "open", 2)).isEqualTo(fast);
            assertThat(requests(usage, "slow", 2)).isEqualTo(slow);
            assertThat(requests(usage, "secured", 4)).isEqualTo(1);
            assertThat(usage.stream().mapToLong(UsageAggregate::requests).sum()).isEqualTo(fast + slow + 1);
            for (UsageAggregate aggregate : usage) {
                assertThat(aggregate.tenantId()).isEqualTo("tenant-1");
                assertThat(aggregate.latencyBuckets()).hasSize(LatencyBuckets.COUNT);
                assertThat(LongStream.of(aggregate.latencyBuckets()).sum()).isEqualTo(aggregate.requests());
                assertHistogramHolds(aggregate);
                if (aggregate.apiId().equals("slow")) {
                    // every slow request waited 60 ms upstream: nothing below that bucket
                    for (int i = 0; i < LatencyBuckets.bucketOf(SLOW_MICROS); i++) {
                        assertThat(aggregate.latencyBuckets()[i]).as("bucket %d", i).isZero();
                    }
                }
            }
            SecurityEvent security = JSON.readValue(entries(redis, EventStreams.Kind.SECURITY, 1).getFirst()
                    .getBody().get(EventStreams.FIELD_EVENT), SecurityEvent.class);
            assertThat(security.type()).isEqualTo(SecurityEventType.AUTHENTICATION_FAILURE);
            assertThat(gateway.gateway.metrics().scrape()).contains("bulwark_events_shipped_total{stream=\"usage\"}")
                    .contains("bulwark_usage_requests_total " + (fast + slow + 1) + ".0");
        } finally {
            upstream.close();
            vertx.close().await();
        }
    }

    /** The latency sum lies between the bounds of the buckets the requests were counted in. */
    private static void assertHistogramHolds(UsageAggregate aggregate) {
        long low = 0;
        long high = 0;
        long[] buckets = aggregate.latencyBuckets();
        for (int i = 0; i < buckets.length - 1; i++) {
            low += buckets[i] * (i == 0 ? 0 : LatencyBuckets.upperBoundMicros(i - 1));
            high += buckets[i] * LatencyBuckets.upperBoundMicros(i);
        }
        assertThat(buckets[buckets.length - 1]).isZero();
        assertThat(aggregate.latencySumMicros()).isBetween(low, high);
    }

    private static long requests(List<UsageAggregate> usage, String apiId, int statusClass) {
        return usage.stream().filter(a -> a.apiId().equals(apiId) && a.statusClass() == statusClass)
                .mapToLong(UsageAggregate::requests).sum();
    }

    private static int get(HttpClient http, String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<StreamMessage<String, String>> entries(TestRedis redis, EventStreams.Kind kind, int count) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String key = kind.streamKey(redis.keyPrefix());
            await().atMost(Duration.ofSeconds(60)).until(() -> connection.sync().xlen(key) >= count);
            return connection.sync().xrange(key, Range.create("-", "+"));
        } finally {
            client.shutdown();
        }
    }
}
