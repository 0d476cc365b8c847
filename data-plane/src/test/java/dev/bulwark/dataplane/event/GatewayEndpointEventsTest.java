package dev.bulwark.dataplane.event;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static dev.bulwark.dataplane.Snapshots.operation;
import static dev.bulwark.dataplane.Snapshots.withOperations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.policy.ContractValidationConfig;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real gateway and Redis: requests become endpoint aggregates on the endpoint stream, with the
 * upstream's 403/404 answers per consumer and paths the API does not declare under a bounded label.
 */
@ExtendWith(RealServicesExtension.class)
class GatewayEndpointEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void operationsUpstreamDenialsAndUndeclaredPathsReachTheEndpointStream(TestRedis redis) throws Exception {
        Vertx vertx = Vertx.vertx();
        // Objects 1..5 exist; any other id is "not found" upstream, ids above 100 "forbidden".
        TestUpstream upstream = TestUpstream.start(vertx, request -> {
            String path = request.path();
            if (path.startsWith("/items/")) {
                int id = Integer.parseInt(path.substring("/items/".length()));
                request.response().setStatusCode(id <= 5 ? 200 : id > 100 ? 403 : 404).end("{}");
            } else {
                request.response().end("[]");
            }
        });
        RedisStreamsEventSink sink = new RedisStreamsEventSink(redis.uri(), EventShippingSettings.defaults(redis.keyPrefix())).start();
        ContractValidationConfig forwardUndeclared = new ContractValidationConfig(null, false, null, null, null, null);
        var shop = withOperations(api("shop", "/shop", upstream.url(), forwardUndeclared),
                operation("getItem", "GET", "/items/{id}"), operation("listItems", "GET", "/items"));
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, shop, api("plain", "/plain", upstream.url())), Map.of(), sink)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int id = 1; id <= 5; id++) {
                assertThat(get(http, gateway.url("/shop/items/" + id))).isEqualTo(200);
            }
            for (int id = 6; id <= 17; id++) { // 12 distinct ids not found
                assertThat(get(http, gateway.url("/shop/items/" + id))).isEqualTo(404);
            }
            assertThat(get(http, gateway.url("/shop/items/6"))).as("a retry of one id").isEqualTo(404);
            assertThat(get(http, gateway.url("/shop/items/101"))).isEqualTo(403);
            assertThat(get(http, gateway.url("/shop/items"))).isEqualTo(200);
            assertThat(get(http, gateway.url("/shop/internal/users/123/export"))).isEqualTo(200);
            assertThat(get(http, gateway.url("/shop/internal/users/9f8e7d6c-0000-4000-8000-aabbccddeeff/export"))).isEqualTo(200);
            assertThat(get(http, gateway.url("/plain/anything/42"))).as("an API without operations").isEqualTo(200);

            int total = 5 + 12 + 1 + 1 + 1 + 2;
            List<EndpointAggregate> aggregates = new ArrayList<>();
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    aggregates.clear();
                    aggregates.addAll(read(connection, redis.keyPrefix()));
                    return aggregates.stream().mapToLong(EndpointAggregate::requests).sum() >= total;
                });
                assertThat(connection.sync().xlen(EventStreams.Kind.SECURITY.streamKey(redis.keyPrefix())))
                        .as("endpoint aggregates go to their own stream; none of this traffic is a security event").isZero();
            } finally {
                client.shutdown();
            }
            assertThat(aggregates.stream().mapToLong(EndpointAggregate::requests).sum()).isEqualTo(total);
            assertThat(aggregates).allSatisfy(a -> {
                assertThat(a.tenantId()).isEqualTo("tenant-1");
                assertThat(a.apiId()).as("the API without operations declares nothing: no endpoints").isEqualTo("shop");
                assertThat(a.clientIp()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
                assertThat(a.keyId()).isNull();
            });
            List<EndpointAggregate> getItem = aggregates.stream().filter(a -> a.endpoint().equals("getItem")).toList();
            assertThat(getItem).allSatisfy(a -> assertThat(a.documented() && a.objectIds()).isTrue());
            assertThat(getItem.stream().mapToLong(EndpointAggregate::requests).sum()).isEqualTo(19);
            assertThat(getItem.stream().mapToLong(EndpointAggregate::denied).sum()).isEqualTo(14);
            Set<String> ids = new HashSet<>();
            getItem.forEach(a -> ids.addAll(a.deniedIds()));
            assertThat(ids).as("distinct denied objects, the retry counted once").hasSize(13)
                    .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}"));
            List<EndpointAggregate> list = aggregates.stream().filter(a -> a.endpoint().equals("listItems")).toList();
            assertThat(list).allSatisfy(a -> assertThat(a.objectIds()).isFalse());
            assertThat(list.stream().mapToLong(EndpointAggregate::requests).sum()).isEqualTo(1);
            List<EndpointAggregate> shadow = aggregates.stream().filter(a -> !a.documented()).toList();
            assertThat(shadow).extracting(EndpointAggregate::endpoint).containsOnly("GET /internal/users/{id}/export");
            assertThat(shadow.stream().mapToLong(EndpointAggregate::requests).sum()).isEqualTo(2);
            assertThat(gateway.gateway.metrics().scrape()).contains("bulwark_events_shipped_total{stream=\"endpoints\"}");
        } finally {
            upstream.close();
            vertx.close().await();
        }
    }

    @Test
    void probesTheGatewayRefusesUnderAnApiAreUndeclaredEndpointsOfThatApiAndProbesUnderNoApiAreNot(TestRedis redis)
            throws Exception {
        forgetEarlierAggregates(redis);
        Vertx vertx = Vertx.vertx();
        TestUpstream upstream = TestUpstream.start(vertx, request -> request.response().end("{}"));
        RedisStreamsEventSink sink = new RedisStreamsEventSink(redis.uri(), EventShippingSettings.defaults(redis.keyPrefix())).start();
        // No contract validation forwarding undeclared operations: no fallback route, the router refuses.
        var strict = withOperations(api("strict", "/strict", upstream.url()), operation("getThing", "GET", "/things/{id}"));
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, strict, api("plain", "/plain", upstream.url())), Map.of(), sink)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, gateway.url("/nowhere/admin"))).as("under no API's base path").isEqualTo(404);
            assertThat(get(http, gateway.url("/stricter/admin"))).as("a base path covers whole segments only").isEqualTo(404);
            for (int id = 1; id <= 3; id++) {
                assertThat(get(http, gateway.url("/strict/internal/users/" + id + "?token=secret-" + id))).isEqualTo(404);
            }
            assertThat(get(http, gateway.url("/strict/v0/admin"))).isEqualTo(404);
            assertThat(send(http, "DELETE", gateway.url("/strict/things/7"))).as("declared for GET only").isEqualTo(405);
            assertThat(get(http, gateway.url("/strict/things/7"))).isEqualTo(200);

            int total = 3 + 1 + 1 + 1;
            List<EndpointAggregate> aggregates = awaitAggregates(redis, total);
            assertThat(aggregates.stream().mapToLong(EndpointAggregate::requests).sum()).as("nothing for the probes under no API")
                    .isEqualTo(total);
            assertThat(aggregates).allSatisfy(a -> {
                assertThat(a.tenantId()).isEqualTo("tenant-1");
                assertThat(a.apiId()).isEqualTo("strict");
                assertThat(a.denied()).as("the upstream denied nothing").isZero();
            });
            assertThat(aggregates).filteredOn(a -> a.documented()).extracting(EndpointAggregate::endpoint).containsOnly("getThing");
            assertThat(aggregates).filteredOn(EndpointAggregate::documented)
                    .allSatisfy(a -> assertThat(a.refusedStatus()).as("routed").isZero());
            List<EndpointAggregate> refused = aggregates.stream().filter(a -> !a.documented()).toList();
            assertThat(refused).allSatisfy(a -> assertThat(a.refused()).isTrue());
            Map<String, Long> byLabel = new java.util.TreeMap<>();
            Map<String, Integer> statusByLabel = new java.util.TreeMap<>();
            refused.forEach(a -> {
                byLabel.merge(a.endpoint(), a.requests(), Long::sum);
                statusByLabel.put(a.endpoint(), a.refusedStatus());
            });
            assertThat(byLabel).as("normalised paths relative to the base path, never the query")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("GET /internal/users/{id}", 3L, "GET /v0/admin", 1L, "DELETE /things/{id}", 1L));
            assertThat(statusByLabel).containsExactlyInAnyOrderEntriesOf(
                    Map.of("GET /internal/users/{id}", 404, "GET /v0/admin", 404, "DELETE /things/{id}", 405));
        } finally {
            upstream.close();
            vertx.close().await();
        }
    }

    /** The class's tests share a key prefix: start from an empty endpoint stream. */
    private static void forgetEarlierAggregates(TestRedis redis) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().del(EventStreams.Kind.ENDPOINT.streamKey(redis.keyPrefix()));
        } finally {
            client.shutdown();
        }
    }

    private static List<EndpointAggregate> awaitAggregates(TestRedis redis, long total) {
        List<EndpointAggregate> aggregates = new ArrayList<>();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                aggregates.clear();
                aggregates.addAll(read(connection, redis.keyPrefix()));
                return aggregates.stream().mapToLong(EndpointAggregate::requests).sum() >= total;
            });
        } finally {
            client.shutdown();
        }
        return aggregates;
    }

    private static int send(HttpClient http, String method, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<EndpointAggregate> read(StatefulRedisConnection<String, String> connection, String prefix) throws Exception {
        List<EndpointAggregate> aggregates = new ArrayList<>();
        for (StreamMessage<String, String> entry : connection.sync().xrange(EventStreams.Kind.ENDPOINT.streamKey(prefix),
                Range.create("-", "+"))) {
            assertThat(entry.getBody().get(EventStreams.FIELD_VERSION)).isEqualTo(EventStreams.ENDPOINT_VERSION);
            aggregates.add(JSON.readValue(entry.getBody().get(EventStreams.FIELD_EVENT), EndpointAggregate.class));
        }
        return aggregates;
    }
}
