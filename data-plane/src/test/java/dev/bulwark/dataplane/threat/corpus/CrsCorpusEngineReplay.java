package dev.bulwark.dataplane.threat.corpus;

import dev.bulwark.dataplane.threat.injection.Detection;
import dev.bulwark.dataplane.threat.injection.InjectionEngine;
import dev.bulwark.dataplane.threat.injection.PrefilterMode;
import dev.bulwark.dataplane.threat.injection.InspectionSettings;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fast efficacy loop: parses every request of the CRS regression corpus from its raw bytes and
 * runs the injection engine on it directly (default settings, no schema), without a gateway. The
 * same table as {@code CrsCorpusReplay}, in a second instead of a minute; the gateway replay stays the
 * figure of record.
 *
 * <p>A measuring tool, not a test: it runs only when asked for
 * ({@code -Dtest=CrsCorpusEngineReplay -Dbulwark.replay=engine}); {@code -Dbulwark.replay.detail=true}
 * also prints each attack missed and each benign request blocked (to the console only: the corpus
 * stays out of the repository). {@code -Dbulwark.replay.prefilter=off,on,audit} replays once per
 * prefilter mode (default {@code on}); {@code audit} fails on a value whose finding the prefilter
 * would have hidden.
 */
class CrsCorpusEngineReplay {

    @Test
    void replay() throws Exception {
        Assumptions.assumeTrue("engine".equals(System.getProperty("bulwark.replay")), "run with -Dbulwark.replay=engine");
        Path corpus = CorpusCase.location();
        Assumptions.assumeTrue(Files.isReadable(corpus), "CRS corpus not present at " + corpus);
        List<CorpusCase> cases = CorpusCase.read(corpus);
        for (String mode : System.getProperty("bulwark.replay.prefilter", "on").split(",")) {
            System.out.println("prefilter " + mode);
            System.out.print(run(cases, Boolean.getBoolean("bulwark.replay.detail"),
                    PrefilterMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT))));
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run(CorpusCase.read(CorpusCase.location()), args.length > 0 && args[0].equals("detail"), PrefilterMode.ON));
    }

    static String run(List<CorpusCase> cases, boolean detail, PrefilterMode mode) {
        InjectionEngine engine = new InjectionEngine(InspectionSettings.DEFAULT, mode);
        List<EfficacyReport.Outcome> outcomes = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        for (CorpusCase c : cases) {
            RawRequest request = RawRequest.parse(c.raw());
            Detection detection = engine.inspectHead(request.path(), request.query(), request.headers(), TypeHints.NONE);
            if (detection == null && request.body().length > 0) {
                detection = engine.inspectBody(request.header("content-type"), request.body(), request.body().length, TypeHints.NONE);
            }
            outcomes.add(new EfficacyReport.Outcome(c, detection != null));
            if (detail && c.attack() && detection == null) {
                details.append("MISS ").append(c.id()).append(" PL").append(c.paranoiaLevel()).append(' ').append(c.family()).append('\n');
            }
            if (detail && c.benign() && detection != null) {
                details.append("FP   ").append(c.id()).append(' ').append(detection).append('\n');
            }
            if (detail && c.attack() && detection != null && Boolean.getBoolean("bulwark.replay.hits")) {
                details.append("HIT  ").append(c.id()).append(' ').append(detection.ruleId()).append(' ').append(detection.location()).append('\n');
            }
        }
        return details + EfficacyReport.render(outcomes);
    }
}
