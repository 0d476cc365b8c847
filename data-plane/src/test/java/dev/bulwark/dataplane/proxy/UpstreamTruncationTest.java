package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.dataplane.AccessLogCapture;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * An upstream that dies in the middle of its response body: the client must be able to tell. A
 * chunked response the gateway ended with its last chunk would look complete (half a JSON list read
 * as the whole list); the gateway must break the connection instead, as nginx does.
 */
@ExtendWith(RealServicesExtension.class)
class UpstreamTruncationTest {
    static Vertx vertx;
    static NetServer dying;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        // answers the head and part of the body, then closes the connection
        dying = vertx.createNetServer().connectHandler(socket -> socket.handler(bytes -> {
            String request = bytes.toString(StandardCharsets.ISO_8859_1);
            String head = request.contains("/chunked")
                    ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n6\r\n[1,2,3\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n[1,2,3";
            socket.write(Buffer.buffer(head)).onComplete(written -> vertx.setTimer(50, id -> socket.close()));
        })).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void aChunkedBodyCutByTheUpstreamIsNotEndedAsIfComplete(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", "http://127.0.0.1:" + dying.actualPort())));
             AccessLogCapture access = new AccessLogCapture()) {
            RawHttp.Reply reply = RawHttp.send(gateway.port,
                    "GET /chunked HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 5_000);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).contains("[1,2,3");
            assertThat(reply.text()).as("no last chunk: the client sees a broken response").doesNotEndWith("0\r\n\r\n");
            assertThat(reply.closed()).as("the connection is broken, not kept for another request").isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !access.linesWith("/chunked").isEmpty());
            assertThat(access.linesWith("/chunked")).singleElement().asString().contains("UPSTREAM_STREAM_FAILED");
        }
    }

    /** A client that goes away while the body streams: the relay stops quietly, nothing unhandled is logged. */
    @Test
    void aClientLeavingMidBodyStopsTheRelayWithoutAnUnhandledError(TestRedis redis) throws Exception {
        HttpServer endless = vertx.createHttpServer().requestHandler(request -> {
            request.response().setChunked(true);
            long timer = vertx.setPeriodic(1, id -> request.response().write("x".repeat(16_384)));
            request.response().closeHandler(closed -> vertx.cancelTimer(timer));
        }).listen(0, "127.0.0.1").await();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        errors.start();
        root.addAppender(errors);
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", "http://127.0.0.1:" + endless.actualPort())));
             AccessLogCapture access = new AccessLogCapture()) {
            for (int i = 0; i < 20; i++) {
                try (Socket socket = new Socket("127.0.0.1", gateway.port)) {
                    socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    socket.getInputStream().readNBytes(64 * 1024);
                }
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> access.linesWith("/stream").size() >= 20);
            assertThat(access.linesWith("/stream")).as("the client left: not the upstream's failure")
                    .allSatisfy(line -> assertThat(line).contains("CLIENT_CLOSED_REQUEST"));
            assertThat(errors.list).extracting(event -> event.getFormattedMessage() + " " + event.getThrowableProxy())
                    .noneMatch(line -> line.contains("Unhandled") || line.contains("already been written"));
        } finally {
            root.detachAppender(errors);
            endless.close().await();
        }
    }

    @Test
    void aBodyShorterThanItsLengthEndsWithABrokenConnection(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", "http://127.0.0.1:" + dying.actualPort())))) {
            RawHttp.Reply reply = RawHttp.send(gateway.port,
                    "GET /sized HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 5_000);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).contains("content-length: 100").endsWith("[1,2,3");
            assertThat(reply.closed()).isTrue();
        }
    }
}
