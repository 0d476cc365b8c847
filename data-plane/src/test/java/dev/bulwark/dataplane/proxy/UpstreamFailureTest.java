package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class UpstreamFailureTest {
    static Vertx vertx;
    static TestUpstream slow;
    static TestUpstream unavailable;
    static TestUpstream unavailableForPost;
    static TestUpstream flaky;
    static TestUpstream breakerTarget;
    static final AtomicInteger breakerStatus = new AtomicInteger(500);
    static int deadPort;
    static GatewayHarness gateway;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        slow = TestUpstream.start(vertx, request -> vertx.setTimer(3_000, id -> request.response().end("late")));
        unavailable = TestUpstream.start(vertx, request -> request.response().setStatusCode(503).end("down: upstream-host-7"));
        unavailableForPost = TestUpstream.start(vertx, request -> request.response().setStatusCode(503).end());
        AtomicInteger flakyCalls = new AtomicInteger();
        flaky = TestUpstream.start(vertx, request -> request.response()
                .setStatusCode(flakyCalls.incrementAndGet() % 2 == 1 ? 502 : 200).end("flaky"));
        breakerTarget = TestUpstream.start(vertx, request -> request.response().setStatusCode(breakerStatus.get()).end());
        deadPort = GatewayHarness.freePort();
        TimeoutsConfig fast = new TimeoutsConfig(300, 500, 2);
        gateway = GatewayHarness.start(redis, of(1,
                api("slow", "/slow", slow.url(), fast),
                api("unavailable", "/unavailable", unavailable.url(), fast),
                api("unavailable-post", "/unavailable-post", unavailableForPost.url(), fast),
                api("flaky", "/flaky", flaky.url(), fast),
                api("dead", "/dead", "http://127.0.0.1:" + deadPort, new TimeoutsConfig(500, 1_000, 0)),
                api("breaker", "/breaker", List.of(breakerTarget.url()))),
                Map.of("BULWARK_GW_BREAKER_FAILURES", "3", "BULWARK_GW_BREAKER_OPEN_MS", "400"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close().await();
    }

    @Test
    void slowUpstreamIsA504() throws Exception {
        HttpResponse<String> response = send("GET", "/slow/x");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"key\":\"UPSTREAM_TIMEOUT\"").doesNotContain("127.0.0.1");
    }

    @Test
    void refusedConnectionIsA502WithoutInternals() throws Exception {
        HttpResponse<String> response = send("GET", "/dead/x");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("\"key\":\"UPSTREAM_CONNECT_FAILED\"")
                .doesNotContain("127.0.0.1").doesNotContain(Integer.toString(deadPort));
    }

    @Test
    void idempotentRequestsAreRetriedUpToTheBudgetOthersNever() throws Exception {
        int before = unavailable.requests.get();
        HttpResponse<String> get = send("GET", "/unavailable/x");
        assertThat(get.statusCode()).as("the upstream's own 503 is relayed after the last attempt").isEqualTo(503);
        assertThat(unavailable.requests.get() - before).as("1 attempt + 2 retries").isEqualTo(3);

        // another origin: the GET above has just opened the first one's breaker
        HttpResponse<String> post = send("POST", "/unavailable-post/x");
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(unavailableForPost.requests.get()).as("POST is not idempotent: never retried").isEqualTo(1);
    }

    @Test
    void aRetryCanSucceed() throws Exception {
        HttpResponse<String> response = send("GET", "/flaky/x");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void breakerOpensAfterConsecutiveFailuresAndRecoversThroughAProbe() throws Exception {
        breakerStatus.set(503);
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/breaker/x").statusCode()).isEqualTo(503);
        }
        int seen = breakerTarget.requests.get();
        HttpResponse<String> open = send("GET", "/breaker/x");
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(open.body()).contains("\"key\":\"UPSTREAM_UNAVAILABLE\"");
        assertThat(breakerTarget.requests.get()).as("an open breaker sends nothing upstream").isEqualTo(seen);

        breakerStatus.set(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(send("GET", "/breaker/x").statusCode()).isEqualTo(200));
        assertThat(send("GET", "/breaker/x").statusCode()).as("closed again after a successful probe").isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
