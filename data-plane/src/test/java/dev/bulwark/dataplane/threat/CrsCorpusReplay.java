package dev.bulwark.dataplane.threat;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.threat.corpus.CorpusCase;
import dev.bulwark.dataplane.threat.corpus.EfficacyReport;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The efficacy replay of record: sends every request of the OWASP CRS regression corpus (kept
 * outside the repository, in ../shared/corpora) as raw bytes through a real gateway with the real
 * policies, serving one catch-all API (no schema, so the injection engine alone is measured) with
 * {@code threat-protection} at its defaults, whose upstream answers 200; prints, per family and
 * paranoia level, how many attacks the gateway stopped and how many benign requests it refused,
 * beside what the corpus's reference ModSecurity + CRS v4 did at paranoia levels 1 and 2.
 *
 * <p>A measuring tool, not a test: it runs only when asked for
 * ({@code ./mvnw -pl data-plane -am verify -Dtest=CrsCorpusReplay -Dbulwark.replay=crs
 * -Dsurefire.failIfNoSpecifiedTests=false}); {@code -Dbulwark.replay.policy=none} replays without the
 * policy (the baseline); {@code -Dbulwark.replay.detail=true} lists the ids of the attacks missed and
 * the benign requests refused. Its figures go to docs/benchmarks.md.
 */
@ExtendWith(RealServicesExtension.class)
class CrsCorpusReplay {

    @Test
    void replay(TestRedis redis) throws Exception {
        Assumptions.assumeTrue("crs".equals(System.getProperty("bulwark.replay")), "run with -Dbulwark.replay=crs");
        Path corpus = CorpusCase.location();
        Assumptions.assumeTrue(Files.isReadable(corpus), "CRS corpus not present at " + corpus);
        List<CorpusCase> cases = CorpusCase.read(corpus);
        PolicyConfig[] policies = "none".equals(System.getProperty("bulwark.replay.policy")) ? new PolicyConfig[0]
                : new PolicyConfig[] {new ThreatProtectionConfig(null, null, null, null, null)};
        Vertx vertx = Vertx.vertx();
        TestUpstream echo = TestUpstream.start(vertx, request -> request.body().onComplete(body -> request.response().end("ok")));
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("catch-all", "/", echo.url(), policies)),
                Map.of("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()), null, null)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Replayed>> futures = new ArrayList<>();
            for (CorpusCase c : cases) {
                // a generous wait: on a loaded machine a slow answer must not count as a refusal
                futures.add(pool.submit(() -> {
                    int status = RawHttp.exchange(gateway.port, c.raw(), 10_000).status();
                    return new Replayed(new EfficacyReport.Outcome(c, status != 200), status);
                }));
            }
            List<EfficacyReport.Outcome> outcomes = new ArrayList<>();
            for (Future<Replayed> future : futures) {
                Replayed replayed = future.get();
                EfficacyReport.Outcome outcome = replayed.outcome();
                outcomes.add(outcome);
                if (Boolean.getBoolean("bulwark.replay.detail") && outcome.blocked() == outcome.corpusCase().benign()
                        && (outcome.corpusCase().benign() || outcome.corpusCase().attack())) {
                    System.out.println((outcome.blocked() ? "FP   " : "MISS ") + outcome.corpusCase().id() + " " + replayed.status());   // console only
                }
            }
            pool.shutdown();
            System.out.print(EfficacyReport.render(outcomes));
        } finally {
            vertx.close().await();
        }
    }

    private record Replayed(EfficacyReport.Outcome outcome, int status) {
    }
}
