package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.RecordingUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays the HTTP desync corpus (aws/http-desync-guardian cases, kept outside the repository in
 * ../shared/corpora) over raw sockets against a catch-all API whose upstream records the raw bytes
 * it receives and answers at the request head. Issue 11's targets: every Severe case refused with
 * 400 and the connection closed, every Compliant case served, and whatever reaches the upstream
 * (from any case) framed canonically: no ambiguous header crosses the gateway intact.
 */
@ExtendWith(RealServicesExtension.class)
class DesyncCorpusTest {
    /** A header line the gateway may forward: a token name, and framing headers in canonical form only. */
    private static final Pattern HEADER_LINE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+: [^\\r\\n]*");
    private static final Pattern CANONICAL_CODINGS = Pattern.compile("([a-z0-9!#$%&'*+.^_`|~-]+, )*chunked");

    record Outcome(String id, String label, int status, boolean closed) {
    }

    @Test
    void severeCasesAreRefusedCompliantOnesServedAndNothingAmbiguousIsForwarded(TestRedis redis) throws Exception {
        Path root = Path.of(System.getProperty("bulwark.root", "."));
        Path corpus = root.resolve("../shared/corpora/desync-corpus.jsonl").normalize();
        Assumptions.assumeTrue(Files.isReadable(corpus), "desync corpus not present at " + corpus);
        Vertx vertx = Vertx.vertx();
        RecordingUpstream upstream = RecordingUpstream.start(vertx);
        upstream.answerAtHead = true; // a Compliant case may declare a body it never sends
        ObjectMapper json = new ObjectMapper();
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("any", "/", upstream.url())))) {
            List<JsonNode> cases = new ArrayList<>();
            for (String line : Files.readAllLines(corpus)) {
                if (!line.isBlank()) {
                    cases.add(json.readTree(line));
                }
            }
            for (int i = 0; i < 5; i++) { // warm up: the first requests of a fresh JVM are slow, the replay's timeouts short
                RawHttp.exchange(gateway.port, "GET /warm-up HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 10_000);
            }
            upstream.complete.clear();
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
            assertThat(outcomes.stream().filter(o -> o.label().equals("Severe") && !(o.status() == 400 && o.closed())))
                    .as("Severe cases not refused with 400 + close").extracting(Outcome::id).isEmpty();
            assertThat(outcomes.stream().filter(o -> o.label().equals("Compliant") && (o.status() < 200 || o.status() > 299)))
                    .as("Compliant cases not served").extracting(Outcome::id).isEmpty();
            List<String> forwarded = new ArrayList<>(upstream.complete);
            forwarded.addAll(upstream.incomplete);
            assertThat(forwarded).as("requests reached the upstream").isNotEmpty();
            for (String request : forwarded) {
                assertCanonicalHead(request);
            }
        } finally {
            vertx.close().await();
        }
    }

    /** The head the upstream got: token header names, at most one framing header, each in canonical form. */
    private static void assertCanonicalHead(String request) {
        int end = request.indexOf("\r\n\r\n");
        assertThat(end).as("a whole head reached the upstream: %s", request).isPositive();
        String[] lines = request.substring(0, end).split("\r\n", -1);
        assertThat(lines[0]).as("request line").matches("[A-Z]+ /\\S* HTTP/1\\.1");
        int framing = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            assertThat(line).as("header line in %s", request).matches(HEADER_LINE);
            String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 2);
            String squeezed = name.replace("-", "").replace("_", "");
            if (squeezed.equals("contentlength") || squeezed.equals("transferencoding")) {
                framing++;
                assertThat(name).as("framing header name in %s", request).isIn("content-length", "transfer-encoding");
                assertThat(value).as("framing header value in %s", request)
                        .matches(name.equals("content-length") ? Pattern.compile("0|[1-9][0-9]*") : CANONICAL_CODINGS);
            }
        }
        assertThat(framing).as("framing headers in %s", request).isLessThanOrEqualTo(1);
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
                text.append("  not passed: ").append(outcome.label()).append(' ').append(outcome.id()).append(" -> ")
                        .append(outcome.status()).append('\n');
            }
        }
        System.out.print(text);
    }

    private static Outcome replay(int port, JsonNode node) throws IOException {
        byte[] request = Base64.getDecoder().decode(node.get("raw_b64").asText());
        RawHttp.Reply reply = RawHttp.exchange(port, request, 1_500);
        return new Outcome(node.get("id").asText(), node.get("label").asText(), reply.status(), reply.closed());
    }
}
