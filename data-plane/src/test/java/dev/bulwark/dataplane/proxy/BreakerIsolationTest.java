package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.Metrics;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.RecordingUpstream;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 1: the breaker counts only what the upstream caused, and it is scoped per API and
 * origin. Three APIs of two tenants share one origin; the breaker opens after 3 failures and would
 * stay open for the rest of the test.
 */
@ExtendWith(RealServicesExtension.class)
class BreakerIsolationTest {
    static Vertx vertx;
    static RecordingUpstream origin;
    static GatewayHarness gateway;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        origin = RecordingUpstream.start(vertx);
        origin.failingPath = "/boom";
        TimeoutsConfig fast = new TimeoutsConfig(300, 500, 0);
        gateway = GatewayHarness.start(redis, of(1,
                        api("abused", "tenant-a", "/abused", fast),
                        api("opened", "tenant-a", "/opened", fast),
                        api("bystander", "tenant-b", "/bystander", fast)),
                Map.of("BULWARK_GW_BREAKER_FAILURES", "3", "BULWARK_GW_BREAKER_OPEN_MS", "600000", "BULWARK_GW_HTTP2_CLEARTEXT", "true"));
    }

    static ApiEntry api(String id, String tenant, String basePath, TimeoutsConfig timeouts) {
        return new ApiEntry(id, tenant, id, null, basePath, List.of(origin.url()), List.of(), List.of(timeouts), Snapshots.LOOPBACK);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        origin.close();
        vertx.close().await();
    }

    @Test
    void brokenBodiesAbortedUploadsAndResetStreamsNeverOpenTheBreaker() throws Exception {
        for (int i = 0; i < 8; i++) {
            // one packet: head and a chunk size that is not hex
            RawHttp.exchange(gateway.port, ("POST /abused/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1), 2_000);
        }
        for (int i = 0; i < 5; i++) {
            abortUpload("POST /abused/x HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(10));
            abortUpload("POST /abused/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        }
        resetHttp2Streams(6);

        assertThat(get("/abused/x").statusCode()).isEqualTo(200);
        assertThat(breakerState("abused")).isEqualTo(0.0);
        assertThat(transitions("abused", "open")).isEqualTo(0.0);
    }

    @Test
    void upstreamFailuresOpenOnlyThatApisBreaker() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/opened/boom").statusCode()).as("the upstream's own 503 is relayed").isEqualTo(503);
        }
        int seen = origin.complete.size();
        HttpResponse<String> refused = get("/opened/x");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("UPSTREAM_UNAVAILABLE");
        assertThat(origin.complete).as("an open breaker sends nothing").hasSize(seen);

        assertThat(get("/bystander/x").statusCode()).as("same origin, another tenant's API").isEqualTo(200);
        assertThat(get("/abused/x").statusCode()).as("same origin and tenant, another API").isEqualTo(200);
        assertThat(breakerState("opened")).isEqualTo(1.0);
        assertThat(transitions("opened", "open")).isEqualTo(1.0);
        assertThat(breakerState("bystander")).isEqualTo(0.0);
    }

    /** Sends part of a request, waits until the upstream request is under way, and closes the connection. */
    private static void abortUpload(String partial) throws Exception {
        long bytes = origin.bytesReceived.get();
        int closed = origin.closedConnections.get();
        try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(partial.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            soon().atMost(Duration.ofSeconds(5)).until(() -> origin.bytesReceived.get() > bytes);
        }
        // the gateway aborts the upstream request at once: the upstream sees its connection close
        soon().atMost(Duration.ofMillis(400)).until(() -> origin.closedConnections.get() > closed);
    }

    /** Opens {@code count} HTTP/2 streams whose upstream requests are in flight, then resets them all. */
    private static void resetHttp2Streams(int count) {
        origin.delayMillis.set(-1);
        int before = origin.complete.size();
        io.vertx.core.http.HttpClient h2 = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            List<HttpClientRequest> streams = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HttpClientRequest stream = h2.request(HttpMethod.GET, gateway.port, "127.0.0.1", "/abused/slow").await();
                stream.end();
                streams.add(stream);
            }
            soon().atMost(Duration.ofSeconds(5)).until(() -> origin.complete.size() >= before + count);
            int closedBefore = origin.closedConnections.get();
            streams.forEach(HttpClientRequest::reset);
            // each reset aborts its upstream request (the upstream sees its connection closed) at once,
            // long before the 500 ms read timeout would have turned it into a 504
            soon().atMost(Duration.ofMillis(400)).until(() -> origin.closedConnections.get() >= closedBefore + count);
        } finally {
            origin.delayMillis.set(0);
            h2.close().await();
        }
    }

    private static org.awaitility.core.ConditionFactory soon() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double breakerState(String api) throws Exception {
        return Metrics.value(gateway.statusPort, "bulwark_breaker_state", Map.of("api", api, "origin", origin.url()));
    }

    private static double transitions(String api, String to) throws Exception {
        return Metrics.value(gateway.statusPort, "bulwark_breaker_transitions_total", Map.of("api", api, "to", to));
    }
}
