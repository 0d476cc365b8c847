package dev.bulwark.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringsTest {
    @Test
    void removesEveryOccurrenceOfTheNameAndKeepsTheRestVerbatim() {
        assertThat(QueryStrings.without("a=1&api_key=x&b=%20y&api_key=z", "api_key")).isEqualTo("a=1&b=%20y");
        assertThat(QueryStrings.without("api%5Fkey=x&keep", "api_key")).as("encoded names are decoded").isEqualTo("keep");
        assertThat(QueryStrings.without("api_key=x", "api_key")).isNull();
        assertThat(QueryStrings.without("api_keys=x&&", "api_key")).as("nothing matched: untouched").isEqualTo("api_keys=x&&");
        assertThat(QueryStrings.without("a&&api_key=x&b", "api_key")).isEqualTo("a&&b");
        assertThat(QueryStrings.without(null, "api_key")).isNull();
        assertThat(QueryStrings.without("", "api_key")).isNull();
    }

    @Test
    void matchesTheNameInAnyCaseAndAfterEitherSeparator() {
        assertThat(QueryStrings.without("API_KEY=x&a=1;Api_Key=y;b=2&api%5fKEY", "api_key")).isEqualTo("a=1;b=2");
        assertThat(QueryStrings.without("a=1;api_key=x&b=2", "api_key")).isEqualTo("a=1&b=2");
        assertThat(QueryStrings.without("%61%70%69%5F%6B%65%79=x&z", "api_key")).isEqualTo("z");
        assertThat(QueryStrings.without("api_key%3D=x&api+key=y&api_ke=z", "api_key")).as("other names stay")
                .isEqualTo("api_key%3D=x&api+key=y&api_ke=z");
    }

    @Test
    void valuesAreFoundByTheSameRuleThatStripsThem() {
        String query = "API_KEY=one&a=1;api%5Fkey=t%77o&Api_Key&api_key=";
        assertThat(QueryStrings.values(query, "api_key")).containsExactly("one", "two", "", "");
        assertThat(QueryStrings.without(query, "api_key")).isEqualTo("a=1");
        assertThat(QueryStrings.values("a=1&b=2", "api_key")).isEmpty();
        assertThat(QueryStrings.values(null, "api_key")).isEmpty();
        assertThat(QueryStrings.values("_method=DELETE&x=%zz", "_METHOD")).isEqualTo(List.of("DELETE"));
    }
}
