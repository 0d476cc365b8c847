package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.PhpDetector;
import dev.bulwark.dataplane.threat.injection.detect.Prefilter;
import dev.bulwark.dataplane.threat.injection.detect.Rule;
import dev.bulwark.dataplane.threat.injection.detect.Subject;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.EscapedIdentifiers;
import dev.bulwark.dataplane.threat.injection.text.Normalizer;
import dev.bulwark.dataplane.threat.injection.text.TextBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ReDoS resistance without a clock: every detector and the normaliser read their input through
 * buffers that count the characters read (the subject's copy of the value and its scratch buffers, so
 * a detector's rescans are counted, not just the copy). On 100 KB values built to hurt each rule
 * (unclosed constructs, runs of openers, nested lookups, endless candidates) the count must stay
 * within a constant number of reads per character, and it must grow linearly: for the same input at
 * 1x, 2x, 4x and 8x its smallest size, the reads added from 4x to 8x may be at most 4x (plus a margin)
 * those added from 1x to 2x. A quadratic scan would read about 50,000 per character at the largest
 * size and add 16x; comparing increments lets a fixed look-ahead window cost its constant.
 */
class LinearTimeTest {
    private static final int SIZE = 100_000;
    /** Reads per input character: the widest fixed windows (a tag's attributes, a template's content) times a few passes. */
    private static final long READS_PER_CHARACTER = 1_000;
    /** Reads that do not depend on the size (a window at the start or the end of the value). */
    private static final long GROWTH_SLACK = 4_096;

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
    void everyDetectorReadsEachCharacterABoundedNumberOfTimesAndGrowsLinearly(String input) {
        // strict runs every default rule and the strict ones; a value, a name and the request path cover the kind-gated rules
        for (InputKind kind : new InputKind[] {InputKind.QUERY_VALUE, InputKind.JSON_KEY, InputKind.PATH}) {
            for (Detector detector : Detectors.all()) {
                long[] reads = new long[4];
                Set<Rule> outcomes = new HashSet<>();
                for (int step = 0; step < 4; step++) {
                    int size = SIZE >> (3 - step);
                    outcomes.add(decide(detector, input.substring(0, size), kind, reads, step));
                }
                String what = String.format("%s on %s (%s), reads at 1x/2x/4x/8x: %s", detector.getClass().getSimpleName(),
                        preview(input), kind, Arrays.toString(reads));
                assertThat(reads[3]).as(what).isLessThanOrEqualTo(READS_PER_CHARACTER * SIZE);
                if (outcomes.size() == 1) {
                    // a shorter prefix of a random mix may stop at a different finding: growth is compared on equal outcomes
                    assertThat(reads[3] - reads[2]).as(what).isLessThanOrEqualTo((reads[1] - reads[0]) * 9 / 2 + GROWTH_SLACK);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"data:text/plain,", "data://text/plain,<", "data:,", "data:", "data:;base64,", "adata:x,"})
    void thePhpWrapperCheckReadsDataUrlsLinearlyWithASmallConstant(String unit) {
        // each data: URL's window reaches 4,096 characters on: judged one by one, ~270 reads per character
        long[] reads = new long[4];
        for (int step = 0; step < 4; step++) {
            decide(new PhpDetector(), unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE >> (3 - step)), InputKind.QUERY_VALUE,
                    reads, step);
        }
        assertThat(reads[3]).as(Arrays.toString(reads)).isLessThanOrEqualTo(32L * SIZE);
        assertThat(reads[3] - reads[2]).as(Arrays.toString(reads)).isLessThanOrEqualTo((reads[1] - reads[0]) * 9 / 2 + GROWTH_SLACK);
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("pathological")
    void thePrefilterReadsEachCharacterAtMostTwice(String input) {
        long[] reads = new long[1];
        Detector[] all = Detectors.all().toArray(Detector[]::new);
        Prefilter prefilter = new Prefilter(all);
        List<CountingBuffer> buffers = new ArrayList<>();
        Subject subject = new Subject(capacity -> {
            CountingBuffer buffer = new CountingBuffer(capacity);
            buffers.add(buffer);
            return buffer;
        }).set(input, InputKind.QUERY_VALUE, "name", ThreatSensitivity.DEFAULT);
        buffers.forEach(buffer -> buffer.reads = 0);
        prefilter.admitted(subject);
        reads[0] = buffers.stream().mapToLong(buffer -> buffer.reads).sum();
        assertThat(reads[0]).isLessThanOrEqualTo(2L * SIZE);
    }

    @Test
    void theCountSeesAQuadraticScan() {
        // what the growth check exists for: a detector that rescans the rest of the value from every position
        Detector quadratic = new Detector() {
            @Override
            public ThreatFamily family() {
                return ThreatFamily.XSS;
            }

            @Override
            public List<Rule> rules() {
                return List.of();
            }

            @Override
            public Rule match(Subject s) {
                int sum = 0;
                for (int i = 0; i < s.length(); i += 64) {
                    for (int k = i; k < s.length(); k++) {
                        sum += s.charAt(k);
                    }
                }
                return sum == 42 ? rules().getFirst() : null;
            }
        };
        long[] reads = new long[4];
        for (int step = 0; step < 4; step++) {
            decide(quadratic, "a".repeat(SIZE >> (3 - step)), InputKind.QUERY_VALUE, reads, step);
        }

        assertThat(reads[3] - reads[2]).isGreaterThan((reads[1] - reads[0]) * 9 / 2 + GROWTH_SLACK);
    }

    /** Runs {@code detector} on {@code value}; stores the reads it made of the subject's buffers in {@code reads[at]}. */
    private static Rule decide(Detector detector, String value, InputKind kind, long[] reads, int at) {
        List<CountingBuffer> buffers = new ArrayList<>();
        Subject subject = new Subject(capacity -> {
            CountingBuffer buffer = new CountingBuffer(capacity);
            buffers.add(buffer);
            return buffer;
        }).set(value, kind, "name", ThreatSensitivity.STRICT);
        buffers.forEach(buffer -> buffer.reads = 0);
        Rule rule = detector.match(subject);
        reads[at] = buffers.stream().mapToLong(buffer -> buffer.reads).sum();
        return rule;
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

    /** The subject's buffer, counting the characters read from it. */
    private static final class CountingBuffer extends TextBuffer {
        long reads;

        CountingBuffer(int capacity) {
            super(capacity);
        }

        @Override
        public char charAt(int index) {
            reads++;
            return super.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return super.subSequence(start, end);
        }

        @Override
        public String toString() {
            reads += length();
            return super.toString();
        }
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
