package dev.bulwark.dataplane.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.bulwark.contracts.snapshot.EcmaPatterns;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The greedy matcher of anchored runs must give RE2's answer on every value, and must leave every
 * pattern where greedy reading could be wrong (or the engines differ) to RE2.
 */
class AnchoredRunPatternTest {
    private static final List<String> TAKEN = List.of("^[A-Z0-9-]{4,20}$", "^\\+[0-9]{6,15}$", "^[A-Z]{2}$", "^[a-z][a-z0-9_]*$",
            "^\\d{5}$", "^\\w+$", "^v\\d+\\.\\d+$", "^[a-f0-9]{8}-[a-f0-9]{4}$", "^[A-Za-z0-9._~-]{1,64}$", "^ab?c$",
            "^[-a]+$", "^[a\\-z]+$", "^x{0,3}y$", "^[0-9]{2,}:[0-9]{2}$", "^\\/api\\/[a-z]+$", "^a*$");
    private static final List<String> LEFT_TO_RE2 = List.of(
            "^[a-z]*[a-z0-9]+$",      // overlapping sets: the first run must leave characters to the second
            "^[a-z]+[0-9]?[a-z]$",    // an optional run after a varying one
            "^[^a-z]+$", "^\\s+$", "^.+$", "^(ab)+$", "^a|b$", "^[a-z]+?$", "^[a-z-0]$", "^[a-c-e]$", "[a-z]+$", "^[a-z]+",
            "^a\\$", "^\\u00e9+$", "^[\\u0041-\\u005A]+$", "^[é]+$", "^a{2,1}$", "^$", "^\\bword$", "^[a-z]{1,1001}$");

    @Test
    void takesTheShapesGreedyReadingDecides() {
        for (String pattern : TAKEN) {
            assertThat(AnchoredRunPattern.compile(pattern)).as(pattern).isNotNull();
        }
        for (String pattern : LEFT_TO_RE2) {
            assertThat(AnchoredRunPattern.compile(pattern)).as(pattern).isNull();
        }
    }

    @Test
    void answersAsRe2OnRandomValues() {
        Random random = new Random(20261207);
        String alphabet = "aAbcxyzZ019-_.+/:~é\n ";
        for (String ecma : TAKEN) {
            AnchoredRunPattern runs = AnchoredRunPattern.compile(ecma);
            Pattern re2 = Pattern.compile(EcmaPatterns.toRe2(ecma));
            int matched = 0;
            for (int k = 0; k < 20_000; k++) {
                String value = k % 2 == 0 ? random(random, alphabet) : mutate(random, example(ecma, random), alphabet);
                boolean expected = re2.matcher(value).find();
                assertThat(runs.matches(value)).as("%s on %s", ecma, value).isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
            assertThat(matched).as("%s must be exercised on matching values too", ecma).isPositive();
        }
    }

    @Test
    void readsTheWholeValueAndNothingBeyondAsciiSets() {
        AnchoredRunPattern sku = AnchoredRunPattern.compile("^[A-Z0-9-]{4,20}$");
        assertThat(sku.matches("BOOK-0001")).isTrue();
        assertThat(sku.matches("BOOK-0001\n")).as("$ is the very end").isFalse();
        assertThat(sku.matches("BOO")).isFalse();
        assertThat(sku.matches("A".repeat(21))).isFalse();
        assertThat(sku.matches("BOOK-ÅÄ01")).isFalse();
        assertThat(AnchoredRunPattern.compile("^a*$").matches("a".repeat(200_000))).as("unbounded runs are unbounded").isTrue();
    }

    private static String random(Random random, String alphabet) {
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    /** A value the pattern accepts, built from its runs' own characters where the sets are simple. */
    private static String example(String ecma, Random random) {
        return switch (ecma) {
            case "^[A-Z0-9-]{4,20}$" -> "AB-" + random.nextInt(1000);
            case "^\\+[0-9]{6,15}$" -> "+" + (100000 + random.nextInt(900000));
            case "^[A-Z]{2}$" -> "DE";
            case "^v\\d+\\.\\d+$" -> "v" + random.nextInt(20) + "." + random.nextInt(20);
            case "^[a-f0-9]{8}-[a-f0-9]{4}$" -> "0a1b2c3d-ef01";
            case "^[0-9]{2,}:[0-9]{2}$" -> random.nextInt(1000) + 10 + ":05";
            case "^\\/api\\/[a-z]+$" -> "/api/items";
            case "^x{0,3}y$" -> "x".repeat(random.nextInt(4)) + "y";
            case "^ab?c$" -> random.nextBoolean() ? "abc" : "ac";
            case "^[a-z][a-z0-9_]*$" -> "order_" + random.nextInt(100);
            case "^\\d{5}$" -> String.valueOf(10000 + random.nextInt(90000));
            case "^\\w+$" -> "ab_" + random.nextInt(100) + "Z";
            case "^[-a]+$", "^[a\\-z]+$" -> "a-a";
            case "^a*$" -> "a".repeat(random.nextInt(5));
            default -> "a_b-1.Z";
        };
    }

    /** The example, sometimes with one character changed, added or removed. */
    private static String mutate(Random random, String value, String alphabet) {
        StringBuilder mutated = new StringBuilder(value);
        int at = mutated.isEmpty() ? 0 : random.nextInt(mutated.length());
        switch (mutated.isEmpty() ? 1 : random.nextInt(4)) {
            case 0 -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 2 -> mutated.deleteCharAt(at);
            default -> { }
        }
        return mutated.toString();
    }
}
