package dev.bulwark.dataplane.threat;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
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
 * The efficacy replay: sends every request of the OWASP CRS regression corpus (kept outside the
 * repository, in ../shared/corpora) as raw bytes through a real gateway serving one catch-all API
 * whose upstream answers 200, and prints, per family and paranoia level, how many attacks the gateway
 * stopped and how many benign requests it refused, beside what the corpus's reference ModSecurity +
 * CRS v4 did at paranoia levels 1 and 2.
 *
 * <p>A measuring tool, not a test: it runs only when asked for
 * ({@code ./mvnw -pl data-plane -am verify -Dtest=CrsCorpusReplay -Dbulwark.replay=crs
 * -Dsurefire.failIfNoSpecifiedTests=false}), and its figures go to docs/benchmarks.md.
 */
@ExtendWith(RealServicesExtension.class)
class CrsCorpusReplay {

    private record Outcome(JsonNode row, int status) {
        boolean blocked() {
            return status != 200;
        }

        String label() {
            return row.get("label").asText();
        }
    }

    @Test
    void replay(TestRedis redis) throws Exception {
        Assumptions.assumeTrue("crs".equals(System.getProperty("bulwark.replay")), "run with -Dbulwark.replay=crs");
        Path root = Path.of(System.getProperty("bulwark.root", "."));
        Path corpus = Path.of(System.getProperty("bulwark.corpus",
                root.resolve("../shared/corpora/crs-dev.jsonl").normalize().toString()));
        Assumptions.assumeTrue(Files.isReadable(corpus), "CRS corpus not present at " + corpus);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            if (!line.isBlank()) {
                rows.add(json.readTree(line));
            }
        }
        Vertx vertx = Vertx.vertx();
        TestUpstream echo = TestUpstream.start(vertx, request -> request.body().onComplete(body -> request.response().end("ok")));
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("catch-all", "/", echo.url())))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (JsonNode row : rows) {
                futures.add(pool.submit(() -> new Outcome(row,
                        RawHttp.exchange(gateway.port, Base64.getDecoder().decode(row.get("raw_b64").asText()), 2_000).status())));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            pool.shutdown();
            System.out.print(report(outcomes));
        } finally {
            vertx.close().await();
        }
    }

    /** Counts: total, blocked by the gateway, blocked by the reference at PL1, at PL2. */
    private static String report(List<Outcome> outcomes) {
        Map<String, int[]> attacks = new TreeMap<>();
        int[] allPl12 = new int[4];
        int[] allPl12Unlevelled = new int[4]; // the corpus's summary counts unlevelled cases as PL1
        int[] benign = new int[4];
        for (Outcome outcome : outcomes) {
            int[] row;
            if (outcome.label().equals("attack")) {
                JsonNode level = outcome.row().get("paranoia_level");
                String pl = level == null || level.isNull() ? "?" : level.asText();
                row = attacks.computeIfAbsent(outcome.row().get("family").asText() + " PL" + pl, k -> new int[4]);
                if (pl.equals("1") || pl.equals("2")) {
                    count(allPl12, outcome);
                }
                if (pl.equals("1") || pl.equals("2") || pl.equals("?")) {
                    count(allPl12Unlevelled, outcome);
                }
            } else if (outcome.label().equals("benign")) {
                row = benign;
            } else {
                continue;
            }
            count(row, outcome);
        }
        StringBuilder text = new StringBuilder(String.format("%-42s %6s %8s %8s %8s%n", "attacks (family, paranoia level)", "total",
                "gateway", "ref PL1", "ref PL2"));
        attacks.forEach((key, c) -> text.append(line(key, c)));
        text.append(line("ALL attacks at PL1-2", allPl12));
        text.append(line("ALL attacks at PL1-2 and unlevelled", allPl12Unlevelled));
        text.append(line("benign (false positives)", benign));
        return text.toString();
    }

    private static void count(int[] row, Outcome outcome) {
        row[0]++;
        row[1] += outcome.blocked() ? 1 : 0;
        row[2] += outcome.row().path("ref_modsec_crs_pl1").asInt() == 403 ? 1 : 0;
        row[3] += outcome.row().path("ref_modsec_crs_pl2").asInt() == 403 ? 1 : 0;
    }

    private static String line(String name, int[] c) {
        return String.format("%-42s %6d %7.1f%% %7.1f%% %7.1f%%%n", name, c[0], pct(c[1], c[0]), pct(c[2], c[0]), pct(c[3], c[0]));
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
