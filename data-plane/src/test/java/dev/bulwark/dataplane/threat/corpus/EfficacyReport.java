package dev.bulwark.dataplane.threat.corpus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The efficacy table both replays print: attacks blocked per family and paranoia level, attacks at
 * paranoia levels 1-2 (the target) and 3-4 apart, benign requests blocked, each beside what the
 * reference ModSecurity + CRS v4 did at paranoia levels 1 and 2.
 */
public final class EfficacyReport {
    /** A case and whether the gateway (or the engine) blocked it. */
    public record Outcome(CorpusCase corpusCase, boolean blocked) {
    }

    private EfficacyReport() {
    }

    public static String render(List<Outcome> outcomes) {
        Map<String, int[]> families = new TreeMap<>();
        int[] pl12 = new int[4];
        int[] pl12Unlevelled = new int[4];
        int[] pl34 = new int[4];
        int[] benign = new int[4];
        for (Outcome outcome : outcomes) {
            CorpusCase c = outcome.corpusCase();
            if (c.attack()) {
                String pl = c.paranoiaLevel();
                count(families.computeIfAbsent(c.family() + " PL" + pl, k -> new int[4]), outcome);
                if (pl.equals("1") || pl.equals("2")) {
                    count(pl12, outcome);
                }
                if (pl.equals("1") || pl.equals("2") || pl.equals("?")) {
                    count(pl12Unlevelled, outcome);
                }
                if (pl.equals("3") || pl.equals("4")) {
                    count(pl34, outcome);
                }
            } else if (c.benign()) {
                count(benign, outcome);
            }
        }
        StringBuilder text = new StringBuilder(String.format("%-44s %6s %8s %8s %8s%n", "attacks (family, paranoia level)", "total",
                "blocked", "ref PL1", "ref PL2"));
        families.forEach((key, counts) -> text.append(line(key, counts)));
        text.append(line("ALL attacks at PL1-2 (target >= 95 %)", pl12));
        text.append(line("ALL attacks at PL1-2 and unlevelled", pl12Unlevelled));
        text.append(line("ALL attacks at PL3-4", pl34));
        text.append(line("benign blocked (target <= 2 %)", benign));
        return text.toString();
    }

    /** The ids of cases matching {@code filter}, for looking at misses by family while iterating. */
    public static String list(List<Outcome> outcomes, Predicate<Outcome> filter) {
        StringBuilder text = new StringBuilder();
        outcomes.stream().filter(filter).forEach(o -> text.append(o.corpusCase().id()).append(' '));
        return text.toString();
    }

    private static void count(int[] row, Outcome outcome) {
        row[0]++;
        row[1] += outcome.blocked() ? 1 : 0;
        row[2] += outcome.corpusCase().refPl1() == 403 ? 1 : 0;
        row[3] += outcome.corpusCase().refPl2() == 403 ? 1 : 0;
    }

    private static String line(String name, int[] c) {
        return String.format("%-44s %6d %7.1f%% %7.1f%% %7.1f%%%n", name, c[0], pct(c[1], c[0]), pct(c[2], c[0]), pct(c[3], c[0]));
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
