package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTokenizerTest {

    /** The prefilter admits SQL on a non-ASCII value only for these quotes: the two lists must stay equal. */
    @Test
    void theNonAsciiQuotesAreThoseThePrefilterKnows() {
        for (char c = 0x80; c < 0xFFFF; c++) {
            assertThat(SqlTokenizer.quoteClass(c) != 0).as("U+%04X", (int) c)
                    .isEqualTo(dev.bulwark.dataplane.threat.injection.detect.Gate.typographicQuote(c));
        }
    }

    private final SqlTokenizer tokenizer = new SqlTokenizer();

    /** The tokens as {@code kind:text}, the form {@link SqlTokens#toString()} prints. */
    private String bare(String value) {
        return tokenizer.tokenize(value, (char) 0).toString();
    }

    @Test
    void stringsInEveryQuotingFormEndAtTheirOwnQuote() {
        assertThat(bare("'it''s' \"say \"\"hi\"\"\" `col``x`")).isEqualTo("s:'it''s' s:\"say \"\"hi\"\"\" q:`col``x`");
        assertThat(bare("N'x' E'y' X'41' B'01' _utf8'z' U&'d' U&\"i\""))
                .isEqualTo("s:N'x' s:E'y' s:X'41' s:B'01' s:_utf8'z' s:U&'d' s:U&\"i\"");
        assertThat(bare("$$a'b$$ $tag$x$$y$tag$")).isEqualTo("s:$$a'b$$ s:$tag$x$$y$tag$");
        SqlTokens open = tokenizer.tokenize("'never closed", (char) 0);
        assertThat(open.size()).isEqualTo(1);
        assertThat(open.is(0, UNTERMINATED)).isTrue();
    }

    @Test
    void typographicQuotesCountAsTheAsciiOnes() {
        assertThat(bare("\u2019x\u2019 \u201cy\u201d")).isEqualTo("s:\u2019x\u2019 s:\u201cy\u201d");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "42|n:42", "0x1F|n:0x1F", "0b101|n:0b101", "3.14|n:3.14", ".5|n:.5", "1e10|n:1e10", "2.5E-3|n:2.5E-3",
        "1.e|n:1.e", "1e1union|n:1e1 k:union", "1union|n:1 k:union", "0xZZ|n:0 w:xZZ", "7days|n:7 w:days"})
    void numbersInEveryNotationAndWhereTheyEnd(String value, String tokens) {
        assertThat(bare(value)).isEqualTo(tokens);
    }

    @Test
    void bareExponentIsMarkedSoTheScientificNotationTrickCanBeSeen() {
        SqlTokens t = tokenizer.tokenize("1.e(ascii", (char) 0);
        assertThat(t.is(0, BARE_EXPONENT)).isTrue();
        assertThat(t.is(1, GLUED)).isTrue();
    }

    @Test
    void keywordsAreRecognisedInAnyCaseAndOnlyAsWholeWords() {
        assertThat(bare("SeLeCt selection insertion_1 OR order")).isEqualTo("k:SeLeCt w:selection w:insertion_1 k:OR k:order");
        SqlTokens t = tokenizer.tokenize("UnIoN", (char) 0);
        assertThat(t.keyword(0)).isEqualTo(SqlKeywords.UNION);
    }

    @Test
    void multiCharacterOperatorsAreOneToken() {
        SqlTokens t = tokenizer.tokenize("a||b&&c<=>d::int:=e->>f#>g@>h<@i?|j!=k<>l>=m==n!~o", (char) 0);
        int[] expected = {OP_OR, OP_AND, OP_NULL_SAFE_EQ, OP_CAST, OP_ASSIGN, OP_JSON, OP_JSON, OP_JSON, OP_JSON, OP_JSON,
            OP_NE, OP_NE, OP_GE, OP_DOUBLE_EQ, OP_REGEX};
        int seen = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i) == OPERATOR) {
                assertThat(t.detail(i)).as("operator %d", seen).isEqualTo(expected[seen++]);
            }
        }
        assertThat(seen).isEqualTo(expected.length);
    }

    @Test
    void commentsOfEveryStyleAndTheirEnds() {
        assertThat(bare("a -- rest\nb # more\nc /* x */ d /* open")).isEqualTo(
                "w:a c:-- rest w:b c:# more w:c c:/* x */ w:d c:/* open");
        SqlTokens t = tokenizer.tokenize("x /* open", (char) 0);
        assertThat(t.is(t.size() - 1, UNTERMINATED)).isTrue();
        assertThat(t.is(1, LINE)).isFalse();
    }

    @Test
    void versionedCommentContentIsCode() {
        SqlTokens t = tokenizer.tokenize("/*!50000union*/ /*!select*/1", (char) 0);
        assertThat(t.toString()).isEqualTo("c:/*!50000 k:union c:*/ c:/*! k:select c:*/ n:1");
        assertThat(t.is(0, VERSIONED)).isTrue();
    }

    @Test
    void variablesParametersAndPunctuation() {
        assertThat(bare("@x @@version @'q' $1 (a, b); t.c")).isEqualTo("v:@x v:@@version v:@'q' v:$1 (:( w:a ,:, w:b ):) ;:; w:t .:. w:c");
        SqlTokens t = tokenizer.tokenize("@@version", (char) 0);
        assertThat(t.is(0, SYSTEM)).isTrue();
        assertThat(bare("a @ b")).as("a lone @ names nothing").isEqualTo("w:a ?:@ w:b");
    }

    @Test
    void aWordFollowedByParenthesisIsAFunctionCallButKeywordOperatorsAreNot() {
        SqlTokens t = tokenizer.tokenize("sleep/**/(5) or (1) in (2) count (x)", (char) 0);
        assertThat(t.is(0, CALL)).isTrue();
        assertThat(t.is(t.next(4), CALL)).as("or (").isFalse();
        int count = t.size() - 4;
        assertThat(t.textIs(count, "count") && t.is(count, CALL)).isTrue();
    }

    @Test
    void parenthesesArePairedAndUnclosedOnesStayUnmatched() {
        SqlTokens t = tokenizer.tokenize("((a)(", (char) 0);
        assertThat(t.match[1]).isEqualTo(3);
        assertThat(t.match[0]).isEqualTo(-1);
        assertThat(t.match[4]).isEqualTo(-1);
    }

    @Test
    void aQuotedContextStartsInsideTheApplicationsLiteral() {
        SqlTokens t = tokenizer.tokenize("O'Brien", '\'');
        assertThat(t.toString()).isEqualTo("s:O' w:Brien");
        assertThat(t.is(0, INJECTED)).isTrue();
        assertThat(tokenizer.tokenize("it''s fine", '\'').toString()).as("a doubled quote stays inside")
                .isEqualTo("s:it''s fine");
        assertThat(tokenizer.tokenize("no quote here", '\'').is(0, UNTERMINATED)).isTrue();
        assertThat(tokenizer.tokenize("x' or 'a'='a", '\'').toString()).isEqualTo("s:x' k:or s:'a' o:= s:'a");
        assertThat(tokenizer.tokenize("a\" or 1", '"').toString()).isEqualTo("s:a\" k:or n:1");
    }

    @Test
    void theBufferIsReusedAndResetBetweenValues() {
        SqlTokens first = tokenizer.tokenize("a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(10), (char) 0);
        assertThat(first.size()).isEqualTo(260);
        SqlTokens second = tokenizer.tokenize("x", (char) 0);
        assertThat(second).isSameAs(first);
        assertThat(second.size()).isEqualTo(1);
        assertThat(second.kind(1)).as("past the end reads as nothing").isZero();
    }
}
