package dev.bulwark.dataplane.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.regex.RegularExpression;
import org.junit.jupiter.api.Test;

/** ECMA semantics (a match anywhere, $ only at the very end) on a linear-time engine. */
class Re2RegularExpressionFactoryTest {
    private static boolean matches(String pattern, String value) {
        RegularExpression regex = Re2RegularExpressionFactory.INSTANCE.getRegularExpression(pattern);
        return regex.matches(value);
    }

    @Test
    void patternsSearchUnlessAnchoredAndDollarIsTheVeryEnd() {
        assertThat(matches("[0-9]{3}", "ab123cd")).isTrue();
        assertThat(matches("^[a-z]+$", "abc")).isTrue();
        // java.util.regex's $ also matches before a final line break: a classic validation bypass
        assertThat(matches("^[a-z]+$", "abc\n")).isFalse();
        assertThat(matches("^[a-z]+$", "abc\n<script>")).isFalse();
        assertThat(matches("^a|b", "xb")).as("the alternative is not anchored").isTrue();
        assertThat(matches("^(a|b)c", "xbc")).isFalse();
        assertThat(matches("^[|]x", "|x")).isTrue();
        assertThat(matches("^\\u00e9t\\u00e9$", "été")).isTrue();
        assertThat(matches("^[^]a]+$", "bcd")).isTrue();
    }

    @Test
    void anchoringIsOnlyAssumedWhereItHolds() {
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("^[A-Z]{2}$")).isTrue();
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("^(a|b)$")).isTrue();
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("^a|b")).isFalse();
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("^a\\|b")).isTrue();
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("^[|]")).isTrue();
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("(?m)^a")).isFalse();
        assertThat(Re2RegularExpressionFactory.anchoredAtStart("a^")).isFalse();
    }

    @Test
    void catastrophicPatternsRunInLinearTime() {
        String attack = "a".repeat(100_000) + "!";
        long started = System.nanoTime();
        for (String pattern : new String[] {"^(a+)+$", "(a|aa)+$", "^(a|a?)+$", "(.*a){20}$", "^(\\w+\\s?)*$"}) {
            assertThat(matches(pattern, attack)).as(pattern).isFalse();
        }
        // Not a timing test: with a backtracking engine any one of these runs for longer than the universe has existed.
        assertThat(System.nanoTime() - started).isLessThan(60_000_000_000L);
    }
}
