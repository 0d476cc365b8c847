package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 50 MB each way. Each test holds back the rest of the body until the first megabyte has crossed
 * the gateway: a gateway that buffered whole bodies would never let it cross, and the test would
 * time out.
 */
@ExtendWith(RealServicesExtension.class)
class StreamingTest {
    static final int TOTAL = 50 * 1024 * 1024;
    static final int FIRST = 1024 * 1024;
    static Vertx vertx;
    static TestUpstream upstream;
    static GatewayHarness gateway;
    static final AtomicLong uploaded = new AtomicLong();
    static final AtomicLong uploadedSum = new AtomicLong();
    static final AtomicBoolean clientGotFirstMegabyte = new AtomicBoolean();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.start(vertx, request -> {
            if (request.path().equals("/upload")) {
                request.handler(buffer -> {
                    long sum = 0;
                    for (int i = 0; i < buffer.length(); i++) {
                        sum += buffer.getUnsignedByte(i);
                    }
                    uploadedSum.addAndGet(sum);
                    uploaded.addAndGet(buffer.length());
                });
                request.endHandler(done -> request.response().end(Long.toString(uploaded.get())));
            } else {
                HttpServerResponse response = request.response().putHeader("content-length", Integer.toString(TOTAL));
                response.write(pattern(0, FIRST));
                vertx.setPeriodic(10, id -> {
                    if (clientGotFirstMegabyte.get()) {
                        vertx.cancelTimer(id);
                        writeRest(response, FIRST);
                    }
                });
            }
        });
        gateway = GatewayHarness.start(redis, of(1, api("big", "/", upstream.url())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close().await();
    }

    @Test
    void uploadIsStreamedNotBuffered() throws Exception {
        PipedInputStream source = new PipedInputStream(256 * 1024);
        PipedOutputStream sink = new PipedOutputStream(source);
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/upload")))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> source), TOTAL))
                .build(), HttpResponse.BodyHandlers.ofString());
        long expectedSum = write(sink, 0, FIRST);
        await().atMost(Duration.ofSeconds(10)).until(() -> uploaded.get() >= FIRST - 64 * 1024);
        expectedSum += write(sink, FIRST, TOTAL);
        sink.close();
        assertThat(response.get().statusCode()).isEqualTo(200);
        assertThat(response.get().body()).isEqualTo(Integer.toString(TOTAL));
        assertThat(uploadedSum.get()).isEqualTo(expectedSum);
    }

    @Test
    void downloadIsStreamedNotBuffered() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/download"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long read = 0;
        long mismatches = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != (byte) ((read + i) % 251)) {
                        mismatches++;
                    }
                }
                read += n;
                if (read >= FIRST) {
                    clientGotFirstMegabyte.set(true);
                }
            }
        }
        assertThat(read).isEqualTo(TOTAL);
        assertThat(mismatches).isZero();
    }

    private static long write(OutputStream out, int from, int to) throws Exception {
        long sum = 0;
        byte[] chunk = new byte[64 * 1024];
        for (int position = from; position < to; position += chunk.length) {
            int length = Math.min(chunk.length, to - position);
            for (int i = 0; i < length; i++) {
                chunk[i] = (byte) ((position + i) % 251);
                sum += chunk[i] & 0xFF;
            }
            out.write(chunk, 0, length);
        }
        return sum;
    }

    private static Buffer pattern(int from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((from + i) % 251);
        }
        return Buffer.buffer(bytes);
    }

    /** Writes the rest of the download with backpressure: never more than the socket accepts. */
    private static void writeRest(HttpServerResponse response, int from) {
        int position = from;
        while (position < TOTAL && !response.writeQueueFull()) {
            int length = Math.min(256 * 1024, TOTAL - position);
            response.write(pattern(position, length));
            position += length;
        }
        if (position >= TOTAL) {
            response.end();
        } else {
            int next = position;
            response.drainHandler(done -> writeRest(response, next));
        }
    }
}
