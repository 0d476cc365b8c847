package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.threat.injection.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizationTest {

    private static String normalize(String raw, boolean form) {
        return Normalizer.normalize(raw, form, new StringBuilder(), new StringBuilder()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            %3Cscript%3E           | <script>
            %253Cscript%253E       | <script>
            %25253C                | <
            %u003Cx                | <x
            %c0%ae%c0%ae%c0%af     | ../
            %e2%80%a8              | ~ ~
            &lt;b&gt;              | <b>
            &#60;&#x3C;&#0000060;  | <<<
            &#60b                  | <b
            &lt                    | <
            &lbrace;&colon;        | {:
            \\u0024\\u007b         | ${
            \\u{24}                | $
            \\x3cs                 | <s
            \\u0026lt;             | <
            %26%2336%3B            | $
            ＜ｓｃｒｉｐｔ＞       | <script>
            ①⑨②。①⑥⑧             | 192.168
            ⓛⓞⓒⓐⓛⓗⓞⓢⓣ          | localhost
            a%00b                  | ab
            a\u200bb               | ab
            """)
    void decodesEveryLayer(String raw, String expected) {
        assertThat(normalize(raw, false)).isEqualTo(expected);
    }

    @Test
    void plusIsASpaceOnlyInForms() {
        assertThat(normalize("a+b", true)).isEqualTo("a b");
        assertThat(normalize("a+b%2Bc", true)).isEqualTo("a b+c");
        assertThat(normalize("a+b", false)).isEqualTo("a+b");
    }

    @Test
    void utf8SentOneCharacterPerByteIsRepaired() {
        String mojibake = new String("ü<".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(normalize(mojibake, false)).isEqualTo("ü<");
    }

    @Test
    void aValueWithNothingToDecodeIsReturnedItself() {
        String plain = "nothing to decode here";

        assertThat(Normalizer.normalize(plain, true, new StringBuilder(), new StringBuilder())).isSameAs(plain);
    }

    @Test
    void decodingStopsAfterTheBoundedNumberOfRounds() {
        String value = "<";
        for (int i = 0; i < Normalizer.MAX_ROUNDS + 2; i++) {
            value = value.replace("%", "%25").replace("<", "%3C");
        }
        assertThat(normalize(value, false)).startsWith("%");
    }

    @Test
    void brokenEscapesAreKeptAsText() {
        assertThat(normalize("100% sure &notanentity; \\uZZZZ %zz", false)).isEqualTo("100% sure &notanentity; \\uZZZZ %zz");
    }
}
