package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.event.EventSink;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request-body phase: a route with a policy that inspects bodies buffers the body (bounded),
 * runs the body hooks after every onRequest hook, and forwards exactly the buffered bytes; a body
 * the client breaks, or one over the bound, never reaches the upstream.
 */
@ExtendWith(RealServicesExtension.class)
class RequestBodyPhaseTest {
    private static final int LIMIT = 1_024;

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<String> inspected = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SecurityEvent> events = new ConcurrentLinkedQueue<>();
    private TestUpstream upstream;
    private GatewayHarness gateway;

    @BeforeEach
    void start(TestRedis redis) throws Exception {
        upstream = TestUpstream.start(vertx, request -> request.body().onSuccess(body -> {
            received.add(request.getHeader("content-length") + "|" + request.getHeader("transfer-encoding") + "|" + body);
            request.response().end("upstream saw " + body.length());
        }));
        // The CORS slot stands for an inspecting policy: refuses bodies containing "forbidden",
        // reports bodies containing "suspicious", lets the rest through.
        PolicyFactory policies = config -> config instanceof CorsConfig ? new Inspector() : TestPolicies.FACTORY.create(config);
        EventSink sink = new EventSink() {
            @Override
            public void request(String tenantId, String apiId, String applicationId, String keyId, int status,
                                long latencyMicros, long requestBytes, long responseBytes) {
            }

            @Override
            public void security(SecurityEvent event) {
                events.add(event);
            }
        };
        gateway = GatewayHarness.start(redis, of(1, api("inspected", "/in", upstream.url(),
                new CorsConfig(List.of("https://a.example"), null, null, null, null, null))), Map.of(), sink, policies);
    }

    @AfterEach
    void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void aBodyWithAContentLengthIsInspectedAndForwardedByteForByte() throws Exception {
        HttpResponse<String> response = post("{\"name\":\"ok\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(inspected).containsExactly("{\"name\":\"ok\"}");
        assertThat(received).containsExactly("13|null|{\"name\":\"ok\"}");
    }

    @Test
    void aChunkedBodyIsForwardedWithItsLengthOnceBuffered() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(gateway.port, ("POST /in/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 5_000);

        assertThat(reply.text()).startsWith("HTTP/1.1 200");
        assertThat(inspected).containsExactly("hello world");
        assertThat(received).containsExactly("11|null|hello world");
    }

    @Test
    void aRequestWithoutBodyStillRunsTheBodyHookWithAnEmptyBody() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url("/in/x")))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(inspected).containsExactly("");
    }

    @Test
    void aRefusalListsItsViolationsAndRecordsTheMatchWithoutReachingTheUpstream() throws Exception {
        HttpResponse<String> response = post("{\"q\":\"forbidden\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"key\":\"BODY_REFUSED\"")
                .contains("\"errors\":[{\"location\":\"body/q\",\"reason\":\"is not allowed\"}]")
                .doesNotContain("forbidden");
        assertThat(upstream.requests).hasValue(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        SecurityEvent event = events.peek();
        assertThat(event.type()).isEqualTo(SecurityEventType.INJECTION);
        assertThat(event.threat()).isEqualTo(new ThreatMatch("test-rule", ThreatFamily.SQL, "body/q", true));
    }

    @Test
    void aReportedFindingIsRecordedAndTheRequestForwarded() throws Exception {
        HttpResponse<String> response = post("suspicious");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).containsExactly("10|null|suspicious");
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events.peek().threat()).isEqualTo(new ThreatMatch("test-rule", ThreatFamily.SQL, "body", false));
    }

    @Test
    void aDeclaredLengthOverTheBoundIsRefusedBeforeReadingIt() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(gateway.port, ("POST /in/x HTTP/1.1\r\nHost: a\r\nContent-Length: " + (LIMIT + 1)
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 5_000);

        assertThat(reply.text()).startsWith("HTTP/1.1 413").contains("REQUEST_TOO_LARGE");
        assertThat(upstream.requests).hasValue(0);
        assertThat(inspected).isEmpty();
    }

    @Test
    void aStreamedBodyCrossingTheBoundIsRefused() throws Exception {
        String chunk = "x".repeat(600);
        RawHttp.Reply reply = RawHttp.exchange(gateway.port, ("POST /in/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 5_000);

        assertThat(reply.text()).startsWith("HTTP/1.1 413");
        assertThat(upstream.requests).hasValue(0);
    }

    @Test
    void aBodyTheClientCutsOffNeverReachesTheUpstream() throws Exception {
        RawHttp.Reply reply = RawHttp.send(gateway.port, ("POST /in/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n").getBytes(StandardCharsets.ISO_8859_1), 500);

        assertThat(reply.text()).doesNotStartWith("HTTP/1.1 200");
        // a malformed chunk size is the client's error too
        RawHttp.Reply malformed = RawHttp.exchange(gateway.port, ("POST /in/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nhello\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 5_000);
        assertThat(malformed.text()).startsWith("HTTP/1.1 400");
        assertThat(upstream.requests).hasValue(0);
        assertThat(inspected).isEmpty();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url("/in/x")))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private final class Inspector implements Policy {
        @Override
        public String id() {
            return "inspector";
        }

        @Override
        public int order() {
            return PolicyOrder.THREAT_PROTECTION;
        }

        @Override
        public boolean inspectsRequestBody() {
            return true;
        }

        @Override
        public long maxRequestBodyBytes() {
            return LIMIT;
        }

        @Override
        public Future<Void> onRequestBody(RequestContext context, Buffer body) {
            String text = body.toString(StandardCharsets.UTF_8);
            inspected.add(text);
            if (text.contains("forbidden")) {
                return Future.failedFuture(new PolicyFailure(400, "BODY_REFUSED", "The body is refused", Map.of(),
                        SecurityEventType.INJECTION, new ThreatMatch("test-rule", ThreatFamily.SQL, "body/q", true),
                        List.of(new Violation("body/q", "is not allowed"))));
            }
            if (text.contains("suspicious")) {
                context.report(SecurityEventType.INJECTION, "INJECTION_REPORTED",
                        new ThreatMatch("test-rule", ThreatFamily.SQL, "body", false));
            }
            return CONTINUE;
        }
    }
}
