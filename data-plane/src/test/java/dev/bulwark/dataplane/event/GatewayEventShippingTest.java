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
import dev.bulwark.contracts.event.UsageEvent;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real gateway, its pipeline and the Redis Streams sink together: requests become stream entries. */
@ExtendWith(RealServicesExtension.class)
class GatewayEventShippingTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void proxiedAndRefusedRequestsArriveAsUsageAndSecurityEntries(TestRedis redis) throws Exception {
        Vertx vertx = Vertx.vertx();
        TestUpstream upstream = TestUpstream.start(vertx, request -> request.response().end("ok"));
        RedisStreamsEventSink sink = new RedisStreamsEventSink(redis.uri(), EventShippingSettings.defaults(redis.keyPrefix())).start();
        ApiKeyAuthConfig apiKey = new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-API-Key", null);
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("open", "/open", upstream.url()),
                api("secured", "/secured", upstream.url(), apiKey)), Map.of(), sink)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(gateway.url("/open/a"))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(gateway.url("/secured/b"))).header("X-API-Key", "bad").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            List<UsageEvent> usage = new ArrayList<>();
            for (StreamMessage<String, String> entry : entries(redis, EventStreams.Kind.USAGE, 2)) {
                usage.add(JSON.readValue(entry.getBody().get(EventStreams.FIELD_EVENT), UsageEvent.class));
            }
            assertThat(usage).extracting(UsageEvent::status).containsExactlyInAnyOrder(200, 401);
            SecurityEvent security = JSON.readValue(entries(redis, EventStreams.Kind.SECURITY, 1).getFirst()
                    .getBody().get(EventStreams.FIELD_EVENT), SecurityEvent.class);
            assertThat(security.type()).isEqualTo(SecurityEventType.AUTHENTICATION_FAILURE);
            assertThat(gateway.gateway.metrics().scrape()).contains("bulwark_events_shipped_total{stream=\"usage\"}");
        } finally {
            upstream.close();
            vertx.close().await();
        }
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
