package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.dataplane.AccessLogCapture;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.RecordingUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 2: on a route that streams bodies (no inspecting policy), a body the client breaks
 * never reaches the upstream as a complete request. The upstream records raw bytes, so a
 * terminating {@code 0\r\n\r\n} the gateway added would show.
 */
@ExtendWith(RealServicesExtension.class)
class ClientBodyFailureTest {
    static Vertx vertx;
    static RecordingUpstream origin;
    static GatewayHarness gateway;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        origin = RecordingUpstream.start(vertx);
        // a 30 s read timeout, as by default: nothing below may wait for it
        gateway = GatewayHarness.start(redis, of(1, api("stream", "/stream", origin.url(), new TimeoutsConfig(1_000, 30_000, 0))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        origin.close();
        vertx.close().await();
    }

    @Test
    void aChunkedBodyCutOffByTheClientIsAbortedUpstream() throws Exception {
        int closed = origin.closedConnections.get();
        try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
            send(socket, "POST /stream/cut HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> origin.incompleteOrPending().contains("hello"));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> origin.closedConnections.get() > closed);
        assertThat(origin.complete).noneMatch(request -> request.contains("/cut"));
        assertThat(origin.incomplete).anyMatch(request -> request.contains("/cut") && request.endsWith("5\r\nhello\r\n"));
    }

    @Test
    void aBadChunkSizeIsA400TheUpstreamRequestIsAbortedAndTheAccessLogSaysWhy() throws Exception {
        try (AccessLogCapture log = new AccessLogCapture()) {
            int closed = origin.closedConnections.get();
            long started = System.nanoTime();
            String reply;
            try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
                socket.setSoTimeout(5_000);
                send(socket, "POST /stream/bad HTTP/1.1\r\nHost: a\r\nX-Request-Id: bad-chunk\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n");
                await().atMost(Duration.ofSeconds(5)).until(() -> origin.incompleteOrPending().contains("/bad"));
                send(socket, "zz\r\nworld\r\n0\r\n\r\n");
                reply = readAll(socket.getInputStream());
            }
            assertThat(reply).startsWith("HTTP/1.1 400").contains("REQUEST_BODY_INVALID");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(2)).until(() -> origin.closedConnections.get() > closed);
            assertThat(origin.complete).noneMatch(request -> request.contains("/bad"));
            assertThat(origin.everything()).doesNotContain("world");
            await().atMost(Duration.ofSeconds(2)).until(() -> !log.linesWith("bad-chunk").isEmpty());
            assertThat(log.linesWith("bad-chunk").getFirst()).contains("\"status\":400").contains("\"errorKey\":\"REQUEST_BODY_INVALID\"");
        }
    }

    @Test
    void aBadChunkSizeInTheFirstPacketIsA400WithNothingCompleteUpstream() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(gateway.port, ("POST /stream/one-packet HTTP/1.1\r\nHost: a\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 5_000);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.closed()).isTrue();
        assertThat(origin.complete).noneMatch(request -> request.contains("/one-packet"));
    }

    @Test
    void anUploadShorterThanItsContentLengthIsAbortedUpstream() throws Exception {
        int closed = origin.closedConnections.get();
        try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
            send(socket, "POST /stream/short HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + "x".repeat(40));
            await().atMost(Duration.ofSeconds(5)).until(() -> origin.incompleteOrPending().contains("xxxx"));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> origin.closedConnections.get() > closed);
        assertThat(origin.complete).noneMatch(request -> request.contains("/short"));
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
