package dev.bulwark.dataplane.policy.limits;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.RequestLimitsConfig;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.policy.HttpProbe;
import dev.bulwark.dataplane.policy.PolicyHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestLimitsPolicyTest {
    private static Vertx vertx;
    private static int port;
    private static int streamingPort;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        RequestLimitsConfig config = new RequestLimitsConfig(1_000L, 20, 1_024, 100);
        port = new PolicyHarness(vertx, List.of(new RequestLimitsPolicy(config))).start();
        streamingPort = streamingServer(1_000);
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void longRequestTargetIs414() {
        assertThat(get(port, "/orders?q=" + "a".repeat(80)).statusCode()).isEqualTo(200);
        HttpResponse<String> response = get(port, "/orders?q=" + "a".repeat(100));
        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.body()).contains("URI_TOO_LONG");
    }

    @Test
    void tooManyOrTooLargeHeadersAre431() {
        String[] many = new String[44];
        for (int i = 0; i < 22; i++) {
            many[2 * i] = "X-H" + i;
            many[2 * i + 1] = "v";
        }
        assertThat(get(port, "/orders", many).body()).contains("HEADERS_TOO_LARGE");
        HttpResponse<String> large = get(port, "/orders", "X-Big", "b".repeat(1_100));
        assertThat(large.statusCode()).isEqualTo(431);
    }

    @Test
    void declaredContentLengthAboveTheBoundIsRefusedAtOnce() {
        HttpResponse<String> ok = HttpProbe.send(HttpRequest.newBuilder(HttpProbe.uri(port, "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_000))));
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> refused = HttpProbe.send(HttpRequest.newBuilder(HttpProbe.uri(port, "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_001))));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("REQUEST_TOO_LARGE");
    }

    @Test
    void chunkedBodyIsCountedWhileItStreams() {
        assertThat(chunked(streamingPort, 1_000).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = chunked(streamingPort, 50_000);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("REQUEST_TOO_LARGE");
    }

    private static HttpResponse<String> chunked(int target, int bytes) {
        // An InputStream publisher has no known length, so the client streams it chunked.
        return HttpProbe.send(HttpRequest.newBuilder(HttpProbe.uri(target, "/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[bytes]))));
    }

    /** Consumes the body the way the proxy does: through BodyLimit, answering when it ends or overflows. */
    private static int streamingServer(long max) {
        return vertx.createHttpServer().requestHandler(request -> {
            ReadStream<Buffer> body = BodyLimit.of(request, max);
            long[] seen = {0};
            body.exceptionHandler(error -> {
                PolicyFailure failure = (PolicyFailure) error;
                Problems.write(request.response().putHeader("Connection", "close"), failure.status(), failure.key(), failure.getMessage(), null);
            });
            body.endHandler(done -> request.response().end("received " + seen[0]));
            body.handler(chunk -> seen[0] += chunk.length());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }
}
