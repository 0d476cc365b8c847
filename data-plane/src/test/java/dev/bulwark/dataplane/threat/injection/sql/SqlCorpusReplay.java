package dev.bulwark.dataplane.threat.injection.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Measures the SQL detector alone on the CRS regression corpus (kept outside the repository, in
 * ../shared/corpora): for each request, every input value is run through
 * {@link SqlInjectionDetector} at both sensitivities; a request counts as detected when one value is.
 * Prints detection per paranoia level for the {@code sqli} attacks and the false positives on the
 * {@code benign} requests of every family (and, for information, on the sqli {@code rule-negative}
 * cases, which may still be attacks).
 *
 * <p>A measuring tool, not a test: it runs only when asked for
 * ({@code ./mvnw -o -q -pl data-plane -am verify -Dtest=SqlCorpusReplay -Dbulwark.replay=sqli
 * -Dsurefire.failIfNoSpecifiedTests=false -Dskip.npm -Dskip.installnodenpm}; add
 * {@code -Dbulwark.replay.verbose=true} to list misses and false positives). Figures go to
 * docs/benchmarks.md.
 */
class SqlCorpusReplay {

    private record Outcome(JsonNode row, String atDefault, String atStrict, String value) {
    }

    @Test
    void replay() throws Exception {
        Assumptions.assumeTrue("sqli".equals(System.getProperty("bulwark.replay")), "run with -Dbulwark.replay=sqli");
        Path corpus = corpus();
        Assumptions.assumeTrue(corpus != null, "CRS corpus not present next to the repository");
        boolean verbose = Boolean.getBoolean("bulwark.replay.verbose");
        ObjectMapper json = new ObjectMapper();
        SqlInjectionDetector detector = new SqlInjectionDetector();
        List<Outcome> outcomes = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String label = row.path("label").asText();
            boolean sqli = row.path("family").asText().equals("sqli");
            if (!label.equals("benign") && !(sqli && (label.equals("attack") || label.equals("rule-negative")))) {
                continue;
            }
            String atDefault = null;
            String atStrict = null;
            String hit = null;
            for (String value : CorpusRequestValues.of(Base64.getDecoder().decode(row.path("raw_b64").asText()))) {
                String d = detector.match(value, ThreatSensitivity.DEFAULT);
                String s = detector.match(value, ThreatSensitivity.STRICT);
                if (d != null && atDefault == null) {
                    atDefault = d;
                    hit = value;
                }
                if (s != null && atStrict == null) {
                    atStrict = s;
                    hit = hit == null ? value : hit;
                }
            }
            outcomes.add(new Outcome(row, atDefault, atStrict, hit));
        }
        System.out.print(report(outcomes));
        if (verbose) {
            for (Outcome o : outcomes) {
                String label = o.row().path("label").asText();
                boolean attack = label.equals("attack");
                if (attack ? o.atDefault() == null : o.atDefault() != null || o.atStrict() != null) {
                    System.out.printf("%s %-14s PL%s default=%s strict=%s %s%n", attack ? "MISS" : "FLAG",
                            o.row().path("id").asText(), o.row().path("paranoia_level").asText(), o.atDefault(),
                            o.atStrict(), o.value() == null ? "" : o.value().replace("\n", "\\n"));
                }
            }
        }
    }

    private static Path corpus() {
        String explicit = System.getProperty("bulwark.corpus");
        if (explicit != null) {
            return Files.isReadable(Path.of(explicit)) ? Path.of(explicit) : null;
        }
        Path root = Path.of(System.getProperty("bulwark.root", ".")).toAbsolutePath();
        for (Path candidate : List.of(root.resolve("../shared/corpora/crs-dev.jsonl"),
                root.resolve("../../shared/corpora/crs-dev.jsonl"))) {
            if (Files.isReadable(candidate.normalize())) {
                return candidate.normalize();
            }
        }
        return null;
    }

    /** Per group: total, detected at default, at strict, blocked by the reference at PL1, at PL2. */
    private static String report(List<Outcome> outcomes) {
        Map<String, int[]> groups = new TreeMap<>();
        for (Outcome o : outcomes) {
            String label = o.row().path("label").asText();
            JsonNode level = o.row().path("paranoia_level");
            String pl = level.isNull() || level.isMissingNode() ? "?" : level.asText();
            String group = switch (label) {
                case "attack" -> "sqli attacks PL" + pl;
                case "benign" -> "benign (all families): false positives";
                default -> "sqli rule-negative (information only)";
            };
            count(groups.computeIfAbsent(group, k -> new int[5]), o);
            if (label.equals("attack") && (pl.equals("1") || pl.equals("2"))) {
                count(groups.computeIfAbsent("sqli attacks PL1-2", k -> new int[5]), o);
            }
        }
        StringBuilder text = new StringBuilder(String.format("%-42s %6s %8s %8s %8s %8s%n", "SQL detector alone", "total",
                "default", "strict", "ref PL1", "ref PL2"));
        groups.forEach((name, c) -> text.append(String.format("%-42s %6d %7.1f%% %7.1f%% %7.1f%% %7.1f%%%n", name, c[0],
                pct(c[1], c[0]), pct(c[2], c[0]), pct(c[3], c[0]), pct(c[4], c[0]))));
        return text.toString();
    }

    private static void count(int[] row, Outcome o) {
        row[0]++;
        row[1] += o.atDefault() != null ? 1 : 0;
        row[2] += o.atStrict() != null ? 1 : 0;
        row[3] += o.row().path("ref_modsec_crs_pl1").asInt() == 403 ? 1 : 0;
        row[4] += o.row().path("ref_modsec_crs_pl2").asInt() == 403 ? 1 : 0;
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
