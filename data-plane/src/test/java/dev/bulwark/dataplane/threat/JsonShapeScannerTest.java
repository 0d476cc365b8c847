package dev.bulwark.dataplane.threat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.dataplane.threat.JsonShapeScanner.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonShapeScannerTest {
    private static final JsonLimits SMALL = new JsonLimits(4, 20, 5, 4, 10, 6);

    private static Verdict verdict(String json, JsonLimits limits) {
        return JsonShapeScanner.scan(json.getBytes(StandardCharsets.UTF_8), limits).verdict();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "0", "-0.5e+3", "\"x\"", "true", "null", " {\"a\" : [1, 2.0, {\"b\": false}] } ",
            "{\"k\":\"\\u00e9\\n\\\"\"}", "[\"é€😀\"]"})
    void acceptsWellFormedDocumentsWithinTheLimits(String json) {
        assertThat(verdict(json, JsonLimits.DEFAULT)).isEqualTo(Verdict.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]",
            "[tru]", "[True]", "{} {}", "[1] x", "\"unterminated", "[\"a\u0001b\"]", "[\"\\x41\"]", "[\"\\u12g4\"]", "['a']",
            "[NaN]", "[1,,2]", "{\"a\":1 \"b\":2}", "]", "[}"})
    void refusesWhatStrictJsonRefuses(String json) {
        assertThat(verdict(json, JsonLimits.DEFAULT)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void refusesInvalidUtf8OverlongFormsAndEncodedSurrogates() {
        byte[][] bad = {
                {'"', (byte) 0xc0, (byte) 0xaf, '"'},                 // overlong '/'
                {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},    // U+D800 encoded
                {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
                {'"', (byte) 0x80, '"'},                              // continuation without a lead
                {'"', (byte) 0xe2, (byte) 0x82, '"'}};                // truncated
        for (byte[] json : bad) {
            assertThat(JsonShapeScanner.scan(json, JsonLimits.DEFAULT).verdict()).isEqualTo(Verdict.MALFORMED);
        }
    }

    @Test
    void eachLimitIsEnforcedAtItsBoundary() {
        assertThat(verdict("[[[[1]]]]", SMALL)).isEqualTo(Verdict.OK);
        assertThat(verdict("[[[[[1]]]]]", SMALL)).isEqualTo(Verdict.TOO_DEEP);
        assertThat(verdict("[1,2,3,4,5]", SMALL)).isEqualTo(Verdict.OK);
        assertThat(verdict("[1,2,3,4,5,6]", SMALL)).isEqualTo(Verdict.ARRAY_TOO_LONG);
        assertThat(verdict("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", SMALL)).isEqualTo(Verdict.OK);
        assertThat(verdict("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}", SMALL)).isEqualTo(Verdict.OBJECT_TOO_LARGE);
        assertThat(verdict("[[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4,5],[1]]", SMALL)).as("4 + 16 entries").isEqualTo(Verdict.OK);
        assertThat(verdict("[[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4,5],[1,2]]", SMALL)).isEqualTo(Verdict.TOO_MANY_ENTRIES);
        assertThat(verdict("[\"0123456789\"]", SMALL)).isEqualTo(Verdict.OK);
        assertThat(verdict("[\"0123456789a\"]", SMALL)).isEqualTo(Verdict.STRING_TOO_LONG);
        assertThat(verdict("{\"0123456789a\":1}", SMALL)).as("keys count too").isEqualTo(Verdict.STRING_TOO_LONG);
        assertThat(verdict("[-1.5e3]", SMALL)).isEqualTo(Verdict.OK);
        assertThat(verdict("[-1.5e30]", SMALL)).isEqualTo(Verdict.NUMBER_TOO_LONG);
    }

    @Test
    void hostileShapesAreRefusedEarlyAndInLinearTime() {
        int n = 1_000_000;
        byte[] nested = ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.US_ASCII);
        JsonShapeScanner.Finding deep = JsonShapeScanner.scan(nested, JsonLimits.DEFAULT);
        assertThat(deep.verdict()).isEqualTo(Verdict.TOO_DEEP);
        assertThat(deep.offset()).as("stops at the first level past the limit").isEqualTo(JsonLimits.DEFAULT.maxDepth());

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        assertThat(verdict(wide.append('}').toString(), JsonLimits.DEFAULT)).isEqualTo(Verdict.OBJECT_TOO_LARGE);
        assertThat(verdict("[" + "9".repeat(5_000_000) + "]", JsonLimits.DEFAULT)).isEqualTo(Verdict.NUMBER_TOO_LONG);
    }

    /**
     * Differential check against a maintained parser in strict mode: on random documents and random
     * one-byte corruptions of them, the scanner and Jackson agree on well-formedness.
     */
    @Test
    void agreesWithAStrictParserOnRandomDocumentsAndCorruptions() {
        ObjectMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        JsonLimits roomy = new JsonLimits(1_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000);
        Random random = new Random(42);
        String alphabet = "{}[]:,\"\\ 0123456789.-+eEtrufalsn x/u";
        int disagreements = 0;
        StringBuilder examples = new StringBuilder();
        for (int round = 0; round < 20_000; round++) {
            StringBuilder doc = new StringBuilder();
            randomValue(random, doc, 0);
            char[] chars = doc.toString().toCharArray();
            if (round % 2 == 1 && chars.length > 0) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(chars);
            boolean jackson = parses(strict, text);
            boolean ours = verdict(text, roomy) == Verdict.OK;
            if (jackson != ours) {
                disagreements++;
                if (examples.length() < 2_000) {
                    examples.append(text).append(" jackson=").append(jackson).append('\n');
                }
            }
        }
        assertThat(disagreements).as(examples.toString()).isZero();
    }

    private static boolean parses(ObjectMapper mapper, String text) {
        try {
            mapper.readTree(text.getBytes(StandardCharsets.UTF_8));
            return !text.isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    private static void randomValue(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0 -> out.append(random.nextBoolean() ? "true" : "null");
            case 1 -> out.append(random.nextInt(2000) - 1000).append(random.nextBoolean() ? "" : ".25e-2");
            case 2 -> out.append('"').append(random.nextBoolean() ? "a\\n\\u00e9" : "x").append('"');
            case 3 -> out.append("false");
            case 4 -> out.append("\"\"");
            case 5 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ", ");
                    randomValue(random, out, depth + 1);
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",").append('"').append((char) ('a' + i)).append("\": ");
                    randomValue(random, out, depth + 1);
                }
                out.append('}');
            }
        }
    }
}
