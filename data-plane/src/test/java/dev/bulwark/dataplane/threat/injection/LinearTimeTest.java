package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.Subject;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.EscapedIdentifiers;
import dev.bulwark.dataplane.threat.injection.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ReDoS resistance without a clock: every detector and the normaliser read their input through a
 * {@link CharSequence} that counts the characters read. On 100 KB values built to hurt each rule
 * (unclosed constructs, runs of openers, nested lookups, endless candidates) the count must stay
 * within a constant number of reads per character. A quadratic scan would read about 50,000 per
 * character at this size; the bound allows the engine's fixed look-ahead windows and no more.
 */
class LinearTimeTest {
    private static final int SIZE = 100_000;
    /** Reads per input character: the widest fixed windows (a tag's attributes, a template's content) times a few passes. */
    private static final long READS_PER_CHARACTER = 1_000;

    static Stream<String> pathological() {
        String[] units = {"<", "<a ", "<a x=\"", "\"<", "< ", "+ADw-", "¼", "$(", "${", "$", "`", "``", ";", "| ", "a=", "'", "\\",
            "^", "../", ".", "/", "0x2e", "/etc", "/???", "/[a]", "http:", "http://", "http://a@", "@", ":", "[", "!ENTITY ",
            "<!ENTITY", "{{", "{%", "<%", "@{", "#{", "<?", "<?php ", "(", ")(", "'a'.", "$a[", "$a->", "O:1:\"", "a:1:{", "/*", "//",
            "}", "${a:-", "${${", "while(", "while(!", "constructor", "require(", "console.", "function(", "for %a in (", "if ",
            "IEX ", "\r\n", "\r\nA1 ", "aB3", "eyJ", "javascript:", "data:", "data:text/html,", "on", " onload=", "=", "%", "&#",
            "&lt", "%25", "\\u", "document", "document.", "self[", "![]+", "[]", "-", "--", " -x", "cat ", "nohup ", "x;id ",
            "sh,-c,", "()", "() {", "~+ ", "!-1 ", "#", "@java.", "T(", "java.", "java.lang.", "rO0", "base64,", "..%2f", "{", ",",
            "if%x%==", "<!--#", "{\"$ne\":", "[$ne]", "__", "a__b__", "this.", "db.", "set-cookie", "sess_", "pg_a_b(", "pg_", "a_b_", "~1", "~+1/", "-->", "]]>"};
        List<String> inputs = new ArrayList<>();
        for (String unit : units) {
            inputs.add(unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE));
        }
        Random random = new Random(20_261_206L);
        String alphabet = "<>()[]{}$`;|&'\"\\/.:=%#@!?*+-_ \n\r\tadefijlnoprstuvwxyzACEJOPRSX0123456789";
        for (int k = 0; k < 4; k++) {
            StringBuilder mixed = new StringBuilder(SIZE);
            for (int i = 0; i < SIZE; i++) {
                mixed.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(mixed.toString());
        }
        return inputs.stream();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("pathological")
    void everyDetectorReadsEachCharacterABoundedNumberOfTimes(String input) {
        // strict runs every default rule and the strict ones; a value, a name and the request path cover the kind-gated rules
        for (InputKind kind : new InputKind[] {InputKind.QUERY_VALUE, InputKind.JSON_KEY, InputKind.PATH}) {
            for (Detector detector : Detectors.all()) {
                Counting text = new Counting(input);
                Subject subject = new Subject().set(text, kind, "name", ThreatSensitivity.STRICT);
                detector.match(subject);
                assertThat(text.reads).as("%s on %s (%s)", detector.getClass().getSimpleName(), preview(input), kind)
                        .isLessThanOrEqualTo(READS_PER_CHARACTER * SIZE);
            }
        }
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("pathological")
    void theNormaliserReadsEachCharacterABoundedNumberOfTimes(String input) {
        Counting text = new Counting(input);

        Normalizer.normalize(text, true, new StringBuilder(), new StringBuilder());

        assertThat(text.reads).isLessThanOrEqualTo(4L * SIZE);
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"\\u0061", "%5Cu0061", "%255Cu", "\\u00", "a\\", "\\u0061-"})
    void theEscapedIdentifierScanReadsEachCharacterABoundedNumberOfTimes(String unit) {
        Counting text = new Counting(unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE));

        EscapedIdentifiers.present(text);

        assertThat(text.reads).isLessThanOrEqualTo(8L * SIZE);
    }

    private static String preview(String input) {
        return input.substring(0, Math.min(12, input.length())).replace("\n", "\\n").replace("\r", "\\r") + "...";
    }

    /** A character sequence that counts reads. */
    private static final class Counting implements CharSequence {
        private final String text;
        long reads;

        Counting(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            reads += text.length();
            return text;
        }
    }
}
