package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static dev.bulwark.dataplane.Snapshots.operation;
import static dev.bulwark.dataplane.Snapshots.withOperations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.RecordingUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 3: no parser differential between the gateway and its upstream. The upstream
 * records raw bytes, so what is asserted is exactly what an upstream parser would read.
 */
@ExtendWith(RealServicesExtension.class)
class RequestNormalisationTest {
    static Vertx vertx;
    static RecordingUpstream origin;
    static GatewayHarness gateway;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        origin = RecordingUpstream.start(vertx);
        gateway = GatewayHarness.start(redis, of(1,
                withOperations(api("ops", "/ops", origin.url()), operation("admin", "GET", "/admin"),
                        operation("item", "GET", "/{name}")),
                api("any", "/", origin.url())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        origin.close();
        vertx.close().await();
    }

    @Test
    void emptyAndFramingLookalikeHeaderNamesAreRefusedAndTheConnectionClosed() throws Exception {
        for (String header : List.of(": x", "Transfer_Encoding: chunked", "Content_Length: 5", "Transfer---Encoding: chunked",
                "TransferEncoding: chunked", "Content--Length: 5")) {
            String marker = "/refused-" + Integer.toHexString(header.hashCode());
            RawHttp.Reply reply = send("POST " + marker + " HTTP/1.1\r\nHost: a\r\n" + header + "\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(reply.status()).as(header).isEqualTo(400);
            assertThat(reply.closed()).as(header).isTrue();
            assertThat(reply.text()).as(header).contains("REQUEST_AMBIGUOUS");
            assertThat(origin.everything()).as(header).doesNotContain(marker);
        }
    }

    @Test
    void underscoreSpellingsOfGatewayHeadersAreDroppedOthersForwarded() throws Exception {
        RawHttp.Reply reply = send("GET /underscores HTTP/1.1\r\nHost: a\r\nX_Forwarded_For: 6.6.6.6\r\nX_Request_Id: forged\r\n"
                + "X_Bulwark_Tenant: other\r\nMy_Custom_Header: kept\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(200);
        String head = forwarded("/underscores");
        assertThat(head).doesNotContain("6.6.6.6").doesNotContain("forged").doesNotContain("X_Bulwark_Tenant")
                .contains("My_Custom_Header: kept");
    }

    @Test
    void contentLengthIsForwardedCanonically() throws Exception {
        RawHttp.Reply reply = send("POST /length HTTP/1.1\r\nHost: a\r\nContent-Length: 005\r\nConnection: close\r\n\r\nhello");
        assertThat(reply.status()).isEqualTo(200);
        // only the framing header is inspected: random trace and request ids may contain "005"
        List<String> lengths = forwarded("/length").toLowerCase(Locale.ROOT).lines()
                .filter(line -> line.startsWith("content-length:")).toList();
        assertThat(lengths).containsExactly("content-length: 5");
    }

    @Test
    void aTabOrARunOfSpacesInTheRequestLineIsRefused() throws Exception {
        for (String line : List.of("GET /tab-a\tHTTP/1.1", "GET\t/tab-b HTTP/1.1", "GET /tab-c  HTTP/1.1", "GET  /tab-d HTTP/1.1")) {
            RawHttp.Reply reply = send(line + "\r\nHost: a\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(reply.status()).as(line).isEqualTo(400);
            assertThat(reply.closed()).as(line).isTrue();
        }
        assertThat(origin.everything()).doesNotContain("/tab-").doesNotContain("/smuggled");
    }

    @Test
    void anEmptyTargetIsServedAsTheRoot() throws Exception {
        RawHttp.Reply reply = send("GET  HTTP/1.1\r\nHost: a\r\nX-Request-Id: empty-target\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(forwarded("empty-target")).startsWith("GET / HTTP/1.1\r\n")
                .as("a request without a body goes without one").doesNotContainIgnoringCase("transfer-encoding");
    }

    @Test
    void otherTransferCodingsBeforeChunkedAreServedAndForwardedWithTheBody() throws Exception {
        RawHttp.Reply reply = send("POST /codings HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip ;\r\nTransfer-Encoding: chunked;x\r\n"
                + "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertThat(reply.status()).isEqualTo(200);
        String request = forwarded("/codings");
        assertThat(request.toLowerCase(Locale.ROOT)).contains("transfer-encoding: gzip, chunked\r\n");
        assertThat(request).endsWith("\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void ambiguousFramingIsRefused() throws Exception {
        for (String head : List.of(
                "POST /te-cl HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                "POST /te-10 HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /te-last HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
                "POST /cl-2 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello")) {
            RawHttp.Reply reply = send(head);
            assertThat(reply.status()).as(head).isEqualTo(400);
            assertThat(reply.closed()).as(head).isTrue();
        }
        assertThat(origin.everything()).doesNotContain("/te-").doesNotContain("/cl-2");
    }

    @Test
    void encodedUnreservedCharactersAreRoutedAndForwardedDecoded() throws Exception {
        RawHttp.Reply reply = send("GET /ops/%61dmin HTTP/1.1\r\nHost: a\r\nX-Request-Id: decoded-admin\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(200);
        // the literal operation matched (not the {name} variable), and the upstream got the same path
        assertThat(forwarded("decoded-admin")).startsWith("GET /admin HTTP/1.1\r\n");
        send("GET /ops/caf%c3%a9 HTTP/1.1\r\nHost: a\r\nX-Request-Id: upper-hex\r\nConnection: close\r\n\r\n");
        assertThat(forwarded("upper-hex")).startsWith("GET /caf%C3%A9 HTTP/1.1\r\n");
    }

    @Test
    void doubleEncodingOverlongUtf8NulAndBackslashesAreRefused() throws Exception {
        for (String path : List.of("/x/%252e%252e%252fadmin", "/x/%c0%ae%c0%ae/admin", "/x/%e0%80%ae", "/x/a%00b", "/x\\..\\admin",
                "/x/%2541")) {
            RawHttp.Reply reply = send("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.text()).as(path).contains("REQUEST_PATH_INVALID");
        }
        assertThat(origin.everything()).doesNotContain("GET /x");
    }

    private static RawHttp.Reply send(String request) throws Exception {
        return RawHttp.exchange(gateway.port, request.getBytes(StandardCharsets.ISO_8859_1), 3_000);
    }

    /** The raw request the upstream received that mentions {@code marker}. */
    private static String forwarded(String marker) {
        await().atMost(Duration.ofSeconds(5)).until(() -> origin.complete.stream().anyMatch(r -> r.contains(marker)));
        return origin.complete.stream().filter(r -> r.contains(marker)).findFirst().orElseThrow();
    }
}
