package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.dataplane.AccessLogCapture;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upstream read timeout (ReadDeadlines): it bounds the wait for the head and every pause in the
 * body, and it never counts the time the relay holds the upstream back for a slow client.
 */
@ExtendWith(RealServicesExtension.class)
class UpstreamReadTimeoutTest {
    static final TimeoutsConfig READ_400_MS = new TimeoutsConfig(300, 400, 0);
    static Vertx vertx;
    static NetServer stalling;
    static HttpServer dripping;
    static HttpServer large;
    static HttpServer h2c;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        // the head and the first chunk, then nothing, and the connection stays open
        stalling = vertx.createNetServer().connectHandler(socket -> socket.handler(bytes -> socket.write(Buffer.buffer(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n6\r\n[1,2,3\r\n"))))
                .listen(0, "127.0.0.1").await();
        // eight chunks 150 ms apart: 1.2 s in all, three read timeouts, but no pause as long as one
        dripping = vertx.createHttpServer().requestHandler(request -> {
            request.response().setChunked(true);
            int[] sent = {0};
            vertx.setPeriodic(150, id -> {
                if (++sent[0] < 8) {
                    request.response().write("chunk-" + sent[0] + ";");
                } else {
                    vertx.cancelTimer(id);
                    request.response().end("chunk-8;");
                }
            });
        }).listen(0, "127.0.0.1").await();
        // cleartext HTTP/2: /never is never answered, anything else at once
        h2c = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true)).requestHandler(request -> {
            if (!request.path().equals("/never")) {
                request.response().end("answered");
            }
        }).listen(0, "127.0.0.1").await();
        large = vertx.createHttpServer().requestHandler(request -> request.response().end(Buffer.buffer(new byte[LARGE])))
                .listen(0, "127.0.0.1").await();
    }

    /** More than the socket buffers on both sides of the gateway hold: the relay must hold the upstream back. */
    static final int LARGE = 24 * 1024 * 1024;

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void anUpstreamThatStallsMidBodyHasItsResponseBrokenAfterTheReadTimeout(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1,
                api("a", "/", "http://127.0.0.1:" + stalling.actualPort(), READ_400_MS)));
             AccessLogCapture access = new AccessLogCapture()) {
            long start = System.nanoTime();
            RawHttp.Reply reply = RawHttp.send(gateway.port,
                    "GET /stalls HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 10_000);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(reply.text()).startsWith("HTTP/1.1 200").contains("[1,2,3").doesNotEndWith("0\r\n\r\n");
            assertThat(reply.closed()).as("the gateway broke the connection, the client did not have to give up").isTrue();
            assertThat(elapsedMillis).as("broken after the read timeout (400 ms), within the sweep's lateness")
                    .isBetween(400L, 5_000L);
            await().atMost(Duration.ofSeconds(5)).until(() -> !access.linesWith("/stalls").isEmpty());
            assertThat(access.linesWith("/stalls")).singleElement().asString().contains("UPSTREAM_TIMEOUT");
        }
    }

    @Test
    void anHttp2UpstreamThatNeverAnswersIsA504AndStillServesTheNextRequest(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1,
                api("a", "/", "h2c://127.0.0.1:" + h2c.actualPort(), READ_400_MS)))) {
            RawHttp.Reply timedOut = RawHttp.exchange(gateway.port,
                    "GET /never HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 5_000);
            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.text()).contains("UPSTREAM_TIMEOUT");
            RawHttp.Reply next = RawHttp.exchange(gateway.port,
                    "GET /now HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 5_000);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.text()).endsWith("answered");
        }
    }

    @Test
    void aBodyThatKeepsComingIsNotCutByTheReadTimeout(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1,
                api("a", "/", "http://127.0.0.1:" + dripping.actualPort(), READ_400_MS)))) {
            RawHttp.Reply reply = RawHttp.send(gateway.port,
                    "GET /drips HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 5_000);
            assertThat(reply.text()).startsWith("HTTP/1.1 200").contains("chunk-1;").contains("chunk-8;").endsWith("0\r\n\r\n");
        }
    }

    @Test
    void aClientThatReadsSlowlyIsNotTheUpstreamsTimeout(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1,
                api("a", "/", "http://127.0.0.1:" + large.actualPort(), READ_400_MS)));
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /large HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            // The stimulus, not a synchronisation: a client that reads nothing for three read timeouts
            // while the relay has the rest of the body held back at the upstream.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_200));
            InputStream in = socket.getInputStream();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                total += read;
            }
            assertThat(total).as("the whole response: head and every body byte").isGreaterThan(LARGE);
        }
    }
}
