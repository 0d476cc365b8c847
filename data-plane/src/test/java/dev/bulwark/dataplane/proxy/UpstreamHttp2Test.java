package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestCertificates;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: HTTP/2 to upstreams where they support it. https origins are offered h2 by ALPN and
 * fall back to HTTP/1.1; h2c:// origins get cleartext HTTP/2 with prior knowledge; the client's side
 * is plain HTTP/1.1 throughout, so these tests are about the gateway's translation between the two.
 */
@ExtendWith(RealServicesExtension.class)
class UpstreamHttp2Test {
    static Vertx vertx;
    static TestCertificates.Pem certificate;
    static HttpServer h2Tls;
    static HttpServer http11Tls;
    static HttpServer cleartext;
    static final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    static final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();

    /** What the upstream received. */
    record Seen(HttpVersion version, String authority, String host, Map<String, String> headers, String body) {
    }

    @BeforeAll
    static void upstreams() throws Exception {
        vertx = Vertx.vertx();
        Path directory = dev.bulwark.testing.TempDirectories.create("bulwark-h2-upstream");
        certificate = TestCertificates.selfSigned(directory, "upstream");
        PemKeyCertOptions key = new PemKeyCertOptions().setCertPath(certificate.certificate().toString())
                .setKeyPath(certificate.key().toString());
        h2Tls = listen(new HttpServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(key)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)));
        http11Tls = listen(new HttpServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(key)
                .setAlpnVersions(List.of(HttpVersion.HTTP_1_1)));
        cleartext = listen(new HttpServerOptions().setHttp2ClearTextEnabled(true));
    }

    private static HttpServer listen(HttpServerOptions options) {
        return vertx.createHttpServer(options.setHost("127.0.0.1")).requestHandler(UpstreamHttp2Test::answer).listen(0).await();
    }

    /** Echoes what arrived; a GET of /large streams a body of many writes without a length. */
    private static void answer(HttpServerRequest request) {
        connections.add(request.connection());
        request.body().onSuccess(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(header -> headers.merge(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue(),
                    (a, b) -> a + "," + b));
            seen.add(new Seen(request.version(), request.authority() == null ? null : request.authority().toString(),
                    request.getHeader("host"), headers, body.toString()));
            if (request.path().endsWith("/large")) {
                request.response().setChunked(request.version() != HttpVersion.HTTP_2).putHeader("x-upstream", "streamed");
                for (int i = 0; i < 64; i++) {
                    request.response().write("x".repeat(1024));
                }
                request.response().end();
            } else {
                request.response().putHeader("x-upstream", "echo").putHeader("content-type", "text/plain")
                        .end(request.method() + " " + request.uri() + " " + body.length());
            }
        });
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @BeforeEach
    void forget() {
        seen.clear();
        connections.clear();
    }

    private static Map<String, String> trustUpstream() {
        return Map.of("BULWARK_GW_UPSTREAM_CA_FILE", certificate.certificate().toString());
    }

    @Test
    void anHttpsUpstreamThatSpeaksHttp2IsCalledOverHttp2(TestRedis redis) throws Exception {
        String upstream = "https://localhost:" + h2Tls.actualPort() + "/base";
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstream)), trustUpstream())) {
            HttpClient http = vertx.createHttpClient();
            String body = "b".repeat(100_000);
            Reply posted = call(http, gateway.port, HttpMethod.POST, "/orders?x=1", Buffer.buffer(body), false);
            assertThat(posted.status()).isEqualTo(200);
            assertThat(posted.version()).as("the client's side stays HTTP/1.1").isEqualTo(HttpVersion.HTTP_1_1);
            assertThat(posted.body()).isEqualTo("POST /base/orders?x=1 100000");
            assertThat(posted.header("x-upstream")).isEqualTo("echo");
            Seen request = seen.poll();
            assertThat(request.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(request.authority()).isEqualTo("localhost:" + h2Tls.actualPort());
            assertThat(request.body()).isEqualTo(body);
            assertThat(request.headers()).containsKeys("x-forwarded-for", "x-request-id", "traceparent")
                    .doesNotContainKeys("connection", "keep-alive", "transfer-encoding", "upgrade");

            Reply chunked = call(http, gateway.port, HttpMethod.PUT, "/chunked", Buffer.buffer("c".repeat(50_000)), true);
            assertThat(chunked.body()).as("a chunked client body is streamed as HTTP/2 DATA frames")
                    .isEqualTo("PUT /base/chunked 50000");
            assertThat(seen.poll().headers()).doesNotContainKey("transfer-encoding");

            Reply large = call(http, gateway.port, HttpMethod.GET, "/large", null, false);
            assertThat(large.body()).hasSize(64 * 1024);
            assertThat(large.header("x-upstream")).isEqualTo("streamed");
            http.close().await();
        }
    }

    @Test
    void aTransferCodingHttp2CannotCarryIsRefusedNotDropped(TestRedis redis) throws Exception {
        String upstream = "https://localhost:" + h2Tls.actualPort();
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstream)), trustUpstream())) {
            dev.bulwark.dataplane.RawHttp.Reply reply = dev.bulwark.dataplane.RawHttp.exchange(gateway.port,
                    ("POST /gzipped HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n"
                            + "5\r\nhello\r\n0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 3_000);
            assertThat(reply.status()).isEqualTo(501);
            assertThat(reply.text()).contains("TRANSFER_CODING_UNSUPPORTED");
            assertThat(seen).as("the upstream never saw a body whose coding was lost").isEmpty();
        }
    }

    @Test
    void concurrentRequestsShareMultiplexedConnections(TestRedis redis) throws Exception {
        String upstream = "https://localhost:" + h2Tls.actualPort();
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstream)), trustUpstream())) {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(40));
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                replies.add(send(http, gateway.port, HttpMethod.GET, "/n" + i, null, false));
            }
            Future.all(replies).await();
            assertThat(replies).allSatisfy(reply -> assertThat(reply.result().status()).isEqualTo(200));
            // at most one upstream connection per gateway event loop (the harness runs two), not one per request
            assertThat(connections).hasSizeLessThanOrEqualTo(2);
            http.close().await();
        }
    }

    @Test
    void anHttpsUpstreamWithoutHttp2IsCalledOverHttp11(TestRedis redis) throws Exception {
        String upstream = "https://localhost:" + http11Tls.actualPort();
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstream)), trustUpstream())) {
            HttpClient http = vertx.createHttpClient();
            assertThat(call(http, gateway.port, HttpMethod.POST, "/fallback", Buffer.buffer("hello"), false).body())
                    .isEqualTo("POST /fallback 5");
            assertThat(seen.poll().version()).isEqualTo(HttpVersion.HTTP_1_1);
            http.close().await();
        }
    }

    @Test
    void http2ToUpstreamsCanBeSwitchedOff(TestRedis redis) throws Exception {
        String upstream = "https://localhost:" + h2Tls.actualPort();
        Map<String, String> settings = new java.util.HashMap<>(trustUpstream());
        settings.put("BULWARK_GW_UPSTREAM_HTTP2", "false");
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstream)), settings)) {
            HttpClient http = vertx.createHttpClient();
            assertThat(call(http, gateway.port, HttpMethod.GET, "/off", null, false).status()).isEqualTo(200);
            assertThat(seen.poll().version()).isEqualTo(HttpVersion.HTTP_1_1);
            http.close().await();
        }
    }

    @Test
    void anH2cOriginIsCalledWithPriorKnowledgeAndAnHttpOriginNever(TestRedis redis) throws Exception {
        int port = cleartext.actualPort();
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("h2c", "/h2c", "h2c://127.0.0.1:" + port),
                api("plain", "/plain", "http://127.0.0.1:" + port)))) {
            HttpClient http = vertx.createHttpClient();
            assertThat(call(http, gateway.port, HttpMethod.POST, "/h2c/x", Buffer.buffer("abc"), false).body())
                    .isEqualTo("POST /x 3");
            Seen viaH2c = seen.poll();
            assertThat(viaH2c.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(viaH2c.headers()).as("prior knowledge: no HTTP/1.1 upgrade dance").doesNotContainKeys("upgrade", "http2-settings");
            assertThat(call(http, gateway.port, HttpMethod.GET, "/plain/y", null, false).status()).isEqualTo(200);
            Seen viaHttp = seen.poll();
            assertThat(viaHttp.version()).isEqualTo(HttpVersion.HTTP_1_1);
            assertThat(viaHttp.headers()).doesNotContainKeys("upgrade", "http2-settings");
            http.close().await();
        }
    }

    record Reply(int status, HttpVersion version, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private static Reply call(HttpClient http, int port, HttpMethod method, String uri, Buffer body, boolean chunked) {
        return send(http, port, method, uri, body, chunked).await();
    }

    private static Future<Reply> send(HttpClient http, int port, HttpMethod method, String uri, Buffer body, boolean chunked) {
        return http.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
                        .setTimeout(20_000))
                .compose(request -> {
                    if (body == null) {
                        return request.send();
                    }
                    if (chunked) {
                        request.setChunked(true);
                        int half = body.length() / 2;
                        request.write(body.getBuffer(0, half));
                        request.end(body.getBuffer(half, body.length()));
                        return request.response();
                    }
                    return request.send(body);
                })
                .compose(response -> response.body().map(read -> {
                    Map<String, String> headers = new java.util.HashMap<>();
                    response.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue()));
                    return new Reply(response.statusCode(), response.version(), headers, read.toString());
                }));
    }
}
