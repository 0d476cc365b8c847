package dev.bulwark.dataplane.snapshot;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class SnapshotReloadTest {
    Vertx vertx;
    TestUpstream blue;
    TestUpstream green;
    final ConcurrentLinkedQueue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void upstreams() {
        vertx = Vertx.vertx();
        blue = TestUpstream.start(vertx, request -> {
            if (request.path().startsWith("/hold")) {
                held.add(request);
            } else {
                request.response().end("blue");
            }
        });
        green = TestUpstream.start(vertx, request -> request.response().end("green"));
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void newerFileIsAppliedAndReadinessReportsItsVersion(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", blue.url())))) {
            assertThat(body(gateway, "/x")).isEqualTo("blue");
            gateway.publish(of(2, api("a", "/", green.url())));
            await().atMost(Duration.ofSeconds(5)).until(() -> body(gateway, "/x").equals("green"));
            await().untilAsserted(() -> assertThat(status(gateway.statusPort, "/health/ready")).contains("\"snapshotVersion\":2"));
            assertThat(status(gateway.statusPort, "/metrics")).contains("bulwark_snapshot_version 2.0");
        }
    }

    @Test
    void badOrOlderSnapshotIsRefusedAndTheOldOneKeepsServing(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(5, api("a", "/", blue.url())))) {
            gateway.write("{\"schemaVersion\":1,\"version\":6,\"surprise\":true}".getBytes(StandardCharsets.UTF_8));
            await().untilAsserted(() -> assertThat(failures(gateway)).isEqualTo(1.0));

            // invalid policy configuration: a rate limit without a positive limit
            gateway.publish(of(7, api("a", "/", green.url(), new RateLimitConfig(null, 0, null, null, null, null, null, null, null))));
            await().untilAsserted(() -> assertThat(failures(gateway)).isEqualTo(2.0));

            gateway.publish(of(4, api("a", "/", green.url())));
            await().untilAsserted(() -> assertThat(failures(gateway)).isEqualTo(3.0));

            assertThat(gateway.version()).isEqualTo(5);
            assertThat(body(gateway, "/x")).isEqualTo("blue");
        }
    }

    @Test
    void requestsInFlightKeepTheSnapshotTheyStartedWith(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", blue.url())))) {
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/hold/" + i))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            await().until(() -> held.size() == 20);
            gateway.publish(of(2, api("a", "/", green.url())));
            await().atMost(Duration.ofSeconds(5)).until(() -> body(gateway, "/x").equals("green"));
            // meanwhile, under load, every request sees one snapshot or the other, never a mix
            List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                load.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/x"))).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : load) {
                assertThat(response.get().body()).isEqualTo("green");
            }
            for (HttpServerRequest request : held) {
                request.response().end("blue-held");
            }
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertThat(response.get().statusCode()).isEqualTo(200);
                assertThat(response.get().body()).isEqualTo("blue-held");
            }
            assertThat(green.requests.get()).isGreaterThanOrEqualTo(200);
        }
    }

    private double failures(GatewayHarness gateway) {
        return gateway.gateway.metrics().get("bulwark.snapshot.load.failures").counter().count();
    }

    private String body(GatewayHarness gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
