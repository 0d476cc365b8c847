package dev.bulwark.dataplane.policy.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringsTest {
    @Test
    void removesEveryOccurrenceOfTheNameAndKeepsTheRestVerbatim() {
        assertThat(QueryStrings.without("a=1&api_key=x&b=%20y&api_key=z", "api_key")).isEqualTo("a=1&b=%20y");
        assertThat(QueryStrings.without("api%5Fkey=x&keep", "api_key")).as("encoded names are decoded").isEqualTo("keep");
        assertThat(QueryStrings.without("api_key=x", "api_key")).isNull();
        assertThat(QueryStrings.without("api_keys=x&&", "api_key")).isEqualTo("api_keys=x");
        assertThat(QueryStrings.without(null, "api_key")).isNull();
    }
}
