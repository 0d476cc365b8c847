package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.IOException;
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
        RawHttp.Reply reply = RawHttp.exchange(port, request, 1_500);
        return new Outcome(node.get("id").asText(), node.get("label").asText(), reply.status(), reply.closed());
    }
}
