package dev.bulwark.dataplane.threat.injection.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The detector's cost is linear in the value: on 100 KB pathological inputs (unclosed comments and
 * literals, a hundred thousand quotes, deep nesting, endless operator chains) the work it counts
 * (characters scanned, tokens walked, look-ahead included) stays within a small constant per
 * character. Counting steps instead of timing keeps the test exact on a busy machine.
 */
class SqlLinearTimeTest {

    private static final int SIZE = 100_000;
    private static final long STEPS_PER_CHARACTER = 12;

    private static final List<String> PATHOLOGICAL = List.of(
            "/*".repeat(SIZE / 2), "'".repeat(SIZE), "\"".repeat(SIZE), "`".repeat(SIZE), "\u2019".repeat(SIZE),
            "(".repeat(SIZE), "(".repeat(SIZE / 2) + ")".repeat(SIZE / 2), ")".repeat(SIZE), "or ".repeat(SIZE / 3),
            "and(".repeat(SIZE / 4), "1=1 and ".repeat(SIZE / 8), "' or '".repeat(SIZE / 6), "((((select ".repeat(SIZE / 11),
            "-- \n".repeat(SIZE / 4), "$a$".repeat(SIZE / 3), "$".repeat(SIZE), "@@".repeat(SIZE / 2), "/*!".repeat(SIZE / 3),
            "*/".repeat(SIZE / 2), "1.e".repeat(SIZE / 3), "union ".repeat(SIZE / 6), "sleep(".repeat(SIZE / 6),
            "not ".repeat(SIZE / 4), "case when ".repeat(SIZE / 10), "a.".repeat(SIZE / 2), "{if ".repeat(SIZE / 4),
            "'||'".repeat(SIZE / 4), "1 or (".repeat(SIZE / 6), "x' or (".repeat(SIZE / 7), ";select ".repeat(SIZE / 8),
            "in (".repeat(SIZE / 4), "select * from (".repeat(SIZE / 15), "is not ".repeat(SIZE / 7), "N'".repeat(SIZE / 2),
            "::".repeat(SIZE / 2), "1 between 1 and ".repeat(SIZE / 16), "- ".repeat(SIZE / 2), "x".repeat(SIZE),
            "9".repeat(SIZE), "'" + "a".repeat(SIZE), "a'" + " or".repeat(SIZE / 3), "a=&".repeat(SIZE / 3),
            "a=" + "1 or (".repeat(SIZE / 6), "?x=1".repeat(SIZE / 4), "=".repeat(SIZE));

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    @Test
    void pathologicalHundredKilobyteInputsCostAFewStepsPerCharacter() {
        for (String value : PATHOLOGICAL) {
            for (ThreatSensitivity sensitivity : ThreatSensitivity.values()) {
                detector.match(value, sensitivity);
                assertThat(detector.lastSteps())
                        .as("%s x%d at %s", value.substring(0, 6).replace("\n", "\\n"), value.length(), sensitivity)
                        .isLessThanOrEqualTo(STEPS_PER_CHARACTER * value.length());
            }
        }
    }

    @Test
    void theStepCounterSeesTheWork() {
        detector.match("x", ThreatSensitivity.DEFAULT);
        long small = detector.lastSteps();
        detector.match("1 or 1=1 and ".repeat(1_000), ThreatSensitivity.DEFAULT);
        assertThat(small).isPositive();
        assertThat(detector.lastSteps()).as("the counter grows with the value").isGreaterThan(13_000);
    }

    /** Random mixes of SQL fragments and punctuation: never an exception, never more than linear work. */
    @Test
    void randomFragmentsNeverThrowAndStayLinear() {
        String[] pieces = {"select", "union", "or", "and", "from", "where", "sleep(", "/*!", "*/", "--", "#", "'", "\"", "`",
            "(", ")", ";", "1=1", "@@version", "::int", "$$", "$a$", "N'", "x'", "1.e(", "{if ", "}", "case", "when", "end",
            "is", "not", "null", "in", "like", "between", "order", "by", "having", "into", "outfile", "exec", "waitfor",
            "delay", "information_schema", ".", ",", " ", "\u2019", "@", ":=", "->>", "#>", "<=>", "0x", "\\", "\n", "*", "=",
            "<", ">", "!", "|", "&", "~", "?", "%", "+", "-", "/", "e", "9"};
        SplittableRandom random = new SplittableRandom(20);
        StringBuilder value = new StringBuilder();
        for (int n = 0; n < 50_000; n++) {
            value.setLength(0);
            int length = random.nextInt(1, 48);
            for (int i = 0; i < length; i++) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            ThreatSensitivity sensitivity = n % 2 == 0 ? ThreatSensitivity.DEFAULT : ThreatSensitivity.STRICT;
            String text = value.toString();
            assertThatCode(() -> detector.match(text, sensitivity)).as(text).doesNotThrowAnyException();
            assertThat(detector.lastSteps()).as(text).isLessThanOrEqualTo(16L * text.length() + 64);
        }
    }
}
