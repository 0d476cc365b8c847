package dev.bulwark.securitytesting.corpus;

import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.OpenApiParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Baseline runner (temporary). */
public final class CorpusAudit {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        ApiAuditor auditor = ApiAuditor.withDefaultRules();
        OpenApiLoader loader = new OpenApiLoader();
        int[] hist = new int[11];
        List<Long> times = new ArrayList<>();
        int zero = 0, refused = 0, crashed = 0, noOps = 0;
        for (int pass = 0; pass < 2; pass++) {
            times.clear(); Arrays.fill(hist, 0); zero = 0; refused = 0; crashed = 0; noOps = 0;
            for (Path file : files) {
                long start = System.nanoTime();
                try {
                    ApiDocument doc = loader.load(file);
                    AuditReport report = auditor.audit(doc);
                    times.add(System.nanoTime() - start);
                    int score = report.score().value();
                    hist[score / 10]++;
                    if (score == 0) zero++;
                    if (doc.operations().isEmpty()) noOps++;
                } catch (OpenApiParseException e) {
                    refused++;
                } catch (RuntimeException | StackOverflowError e) {
                    crashed++;
                    if (pass == 1) System.out.println("CRASH " + file + ": " + e);
                }
            }
        }
        long[] t = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("files %d refused %d crashed %d zero %d noOps %d%n", files.size(), refused, crashed, zero, noOps);
        System.out.printf("p50 %.1f ms p95 %.1f ms max %.1f ms%n", t[t.length / 2] / 1e6, t[(int) (t.length * 0.95)] / 1e6, t[t.length - 1] / 1e6);
        for (int i = 0; i <= 10; i++) System.out.printf("%3d: %d%n", i * 10, hist[i]);
    }
}
