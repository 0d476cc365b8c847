package dev.bulwark.dataplane.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dataplane.threat.JsonLimits;
import dev.bulwark.dataplane.threat.JsonShapeScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tree built after the shape scan must be the tree Jackson builds with the validator's settings,
 * node class for node class (the schema's {@code integer}, {@code multipleOf} and bounds read them),
 * on hand-picked documents and on random ones.
 */
class JsonTreeTest {
    private static final JsonLimits LIMITS = new JsonLimits(64, 100_000, 100_000, 100_000, 1 << 20, 1_000);

    @Test
    void buildsWhatJacksonBuilds() {
        List<String> documents = List.of("{}", "[]", "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890", "1.0", "24.90", "0.01", "-0.0", "1e3", "1E+3", "1e-3", "-1.5e-300", "1e999999",
                "0.1000", "\"\"", "\"plain\"", "\"caf\u00e9 \u2603 \ud83d\ude00\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"",
                "\"\\u0041\\u00e9\\u2603\\ud83d\\ude00\\udc00x\"", "\"\\u0000\"", "true", "false", "null",
                " { \"a\" : [ 1 , 2.5 , { } , [ ] , \"x\" , null , true ] , \"b\" : { \"c\" : { \"d\" : -7 } } } ",
                "{\"\\u006b\":1,\"k\\n\":2,\"\u00e9\":3}", "[[[[[[[[[[1]]]]]]]]]]", "\t\r\n[\t1\r,\n2 ]\n",
                "{\"id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\"items\":[{\"sku\":\"BOOK-0001\",\"quantity\":2,\"price\":24.90,\"gift\":false}]}");
        for (String document : documents) {
            assertSameTree(document);
        }
    }

    @Test
    void buildsWhatJacksonBuildsOnRandomDocuments() {
        Random random = new Random(20261208);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder document = new StringBuilder();
            randomValue(random, document, 0);
            assertSameTree(document.toString());
        }
    }

    @Test
    void refusesAKeyRepeatedInAnyObject() {
        for (String document : List.of("{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "[{\"x\":1},{\"y\":[{\"z\":1,\"z\":null}]}]",
                "{\"a\":1,\"\\u0061\":2}")) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            assertThat(JsonShapeScanner.scan(bytes, LIMITS).ok()).as(document).isTrue();
            assertThatThrownBy(() -> JsonTree.read(bytes, 0, bytes.length)).as(document).isSameAs(JsonTree.Unreadable.DUPLICATE_KEY);
        }
        byte[] distinct = "{\"a\":1,\"A\":2,\"a \":3}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonTree.read(distinct, 0, distinct.length).size()).isEqualTo(3);
    }

    @Test
    void refusesNumbersTooLongToCompareExactlyAsJacksonDoes() {
        JsonLimits generous = new JsonLimits(64, 1_000, 1_000, 1_000, 1 << 20, 10_000);
        for (String number : List.of("9".repeat(1_001), "1." + "5".repeat(1_000), "-" + "1".repeat(1_001))) {
            byte[] bytes = ("{\"n\":" + number + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(JsonShapeScanner.scan(bytes, generous).ok()).isTrue();
            assertThatThrownBy(() -> JsonTree.read(bytes, 0, bytes.length)).isSameAs(JsonTree.Unreadable.NUMBER_TOO_LONG);
            assertThatThrownBy(() -> SchemaEngine.JSON.readTree(bytes)).as("Jackson's bound").isInstanceOf(RuntimeException.class);
        }
        byte[] longest = ("[" + "7".repeat(1_000) + "]").getBytes(StandardCharsets.UTF_8);
        assertThat(JsonTree.read(longest, 0, longest.length)).isEqualTo(SchemaEngine.JSON.readTree(longest));
    }

    private static void assertSameTree(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonShapeScanner.scan(bytes, LIMITS).ok()).as(document).isTrue();
        JsonNode expected = SchemaEngine.JSON.readTree(bytes);
        JsonNode actual = JsonTree.read(bytes, 0, bytes.length);
        assertThat(actual).as(document).isEqualTo(expected);
        assertSameClasses(actual, expected, document);
    }

    private static void assertSameClasses(JsonNode actual, JsonNode expected, String document) {
        assertThat(actual.getClass()).as(document).isEqualTo(expected.getClass());
        if (expected.isContainer()) {
            for (int k = 0; k < expected.size(); k++) {
                if (expected.isArray()) {
                    assertSameClasses(actual.get(k), expected.get(k), document);
                }
            }
            for (String name : expected.propertyNames()) {
                assertSameClasses(actual.get(name), expected.get(name), document);
            }
        }
    }

    private static void randomValue(Random random, StringBuilder out, int depth) {
        int kind = depth > 5 ? random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> randomString(random, out);
            case 1 -> randomNumber(random, out);
            case 2 -> out.append(List.of("true", "false", "null").get(random.nextInt(3)));
            case 3 -> randomNumber(random, out.append(random.nextBoolean() ? "" : "-"));
            case 4 -> {
                out.append('[').append(space(random));
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(',').append(space(random));
                    }
                    randomValue(random, out, depth + 1);
                }
                out.append(space(random)).append(']');
            }
            default -> {
                out.append('{').append(space(random));
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    out.append("\"k").append(k).append(random.nextBoolean() ? "\\u00e9" : "").append('"').append(space(random)).append(':');
                    randomValue(random, out, depth + 1);
                }
                out.append('}');
            }
        }
    }

    private static void randomString(Random random, StringBuilder out) {
        String[] pieces = {"a", "Z", "0", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0041", "\\u00e9", "\\ud83d\\ude00", "\u00e9", "\u2603",
            "\ud83d\ude00", "<", "'", "~"};
        out.append('"');
        int n = random.nextInt(8);
        for (int k = 0; k < n; k++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        out.append('"');
    }

    private static void randomNumber(Random random, StringBuilder out) {
        switch (random.nextInt(5)) {
            case 0 -> out.append(random.nextInt(1_000));
            case 1 -> out.append(Math.abs(random.nextLong()));
            case 2 -> out.append(Math.abs(random.nextLong())).append(random.nextInt(100_000));
            case 3 -> out.append(random.nextInt(10_000)).append('.').append(random.nextInt(1_000));
            default -> out.append(random.nextInt(10)).append(random.nextBoolean() ? "e" : "E").append(List.of("", "+", "-").get(random.nextInt(3)))
                    .append(random.nextInt(400));
        }
    }

    private static String space(Random random) {
        return List.of("", " ", "\n", "\t ").get(random.nextInt(4));
    }
}
