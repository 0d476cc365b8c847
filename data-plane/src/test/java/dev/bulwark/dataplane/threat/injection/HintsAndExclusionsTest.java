package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.hint.TypeHint;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import dev.bulwark.dataplane.threat.injection.hint.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HintsAndExclusionsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INTEGER   | -42                                  | true
            INTEGER   | 4 2                                  | false
            NUMBER    | 1.5e-3                               | true
            NUMBER    | 1e                                   | false
            BOOLEAN   | true                                 | true
            BOOLEAN   | yes                                  | false
            UUID      | 550e8400-e29b-41d4-a716-446655440000 | true
            UUID      | 550e8400-e29b-41d4-a716-44665544000g | false
            DATE      | 2024-02-29                           | true
            DATE      | 2024-02-29;id                        | false
            DATE_TIME | 2024-02-29T10:00:00.123+01:00        | true
            DATE_TIME | 2024-02-29T10:00                     | false
            TOKEN     | BOOK-0001                            | true
            TOKEN     | +441234567890                        | true
            TOKEN     | snake_case-id                        | true
            TOKEN     | 1234--                               | false
            TOKEN     | 44+1                                 | false
            TOKEN     | a.b                                  | false
            TOKEN     | a b                                  | false
            TOKEN     | O'Brien                              | false
            TOKEN     | java.lang.Runtime                    | false
            TOKEN     | AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | false
            """)
    void typesAdmitOnlyTheirValues(ValueType type, String value, boolean admitted) {
        assertThat(TypeHint.of(type).admits(value)).isEqualTo(admitted);
    }

    @Test
    void aValueConformingToItsHintIsNotInspectedButAViolatingOneIs() {
        TypeHints hints = TypeHints.of(Map.of("query.sort", TypeHint.oneOf(Set.of("name", "date;id")),
                "body/items/*/note", TypeHint.of(ValueType.INTEGER)));

        // the schema says "date;id" is a legal value of an enum: it is data here, not a command
        assertThat(Inspect.DEFAULT.inspectHead("/", "sort=date%3Bid", List.of(), hints)).isNull();
        assertThat(Inspect.DEFAULT.inspectHead("/", "sort=date%3Bid", List.of(), TypeHints.NONE)).isNotNull();
        assertThat(Inspect.DEFAULT.inspectHead("/", "sort=x%3Bid", List.of(), hints)).isNotNull();

        byte[] body = "{\"items\":[{\"note\":\"1\"},{\"note\":\"1;id\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(Inspect.DEFAULT.inspectBody("application/json", body, body.length, hints).location()).isEqualTo("body/items/1/note");
    }

    @Test
    void aTokenHintSkipsOnlyValuesMadeOfTokenCharacters() {
        TypeHints hints = TypeHints.of(Map.of("body/lines/*/sku", TypeHint.of(ValueType.TOKEN)));
        byte[] plain = "{\"lines\":[{\"sku\":\"UNION-SELECT-1\"},{\"sku\":\"BOOK-0001\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] hostile = "{\"lines\":[{\"sku\":\"BOOK-0001\"},{\"sku\":\"1' UNION SELECT password FROM users--\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(Inspect.DEFAULT.inspectBody("application/json", plain, plain.length, hints)).isNull();
        // the value is checked, not the schema's pattern trusted: report mode forwards what the pattern refused
        assertThat(Inspect.DEFAULT.inspectBody("application/json", hostile, hostile.length, hints).location())
                .isEqualTo("body/lines/1/sku");
    }

    @Test
    void aKeyTheContractDeclaresIsNotReadButAnyOtherKeyIs() {
        // the API's own vocabulary may look like an operator; a client's key of that shape may not
        TypeHints hints = new TypeHints() {
            @Override
            public TypeHint hint(CharSequence location) {
                return null;
            }

            @Override
            public boolean declaresKey(CharSequence location, CharSequence key) {
                return key.toString().equals("$where");
            }
        };
        byte[] declared = "{\"filter\":{\"$where\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"filter\":{\"$gt\":\"\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(Inspect.DEFAULT.inspectBody("application/json", declared, declared.length, TypeHints.NONE)).isNotNull();
        assertThat(Inspect.DEFAULT.inspectBody("application/json", declared, declared.length, hints)).isNull();
        assertThat(Inspect.DEFAULT.inspectBody("application/json", other, other.length, hints).location()).isEqualTo("body/filter/$gt");
    }

    @Test
    void exclusionsByLocationPrefixWildcardFamilyAndRule() {
        InjectionEngine engine = new InjectionEngine(new InspectionSettings(EnumSet.allOf(ThreatFamily.class), ThreatSensitivity.DEFAULT,
                List.of(Exclusion.of("body/posts/*/html", Set.of(ThreatFamily.XSS), Set.of()),
                        Exclusion.of("header.user-agent", Set.of(), Set.of()),
                        Exclusion.of("query.cmd", Set.of(), Set.of("cmd-chained-command")))));

        byte[] posts = "{\"posts\":[{\"html\":\"<iframe src=x>\"},{\"title\":\"<iframe src=x>\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(engine.inspectBody("application/json", posts, posts.length, TypeHints.NONE).location()).isEqualTo("body/posts/1/title");

        byte[] sql = "{\"posts\":[{\"html\":\"${jndi:ldap://x/a}\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(engine.inspectBody("application/json", sql, sql.length, TypeHints.NONE).family()).isEqualTo(ThreatFamily.JAVA);

        assertThat(engine.inspectHead("/", null, List.of(Map.entry("User-Agent", "<script>x</script>")), TypeHints.NONE)).isNull();
        assertThat(engine.inspectHead("/", "cmd=a%3Bid", List.of(), TypeHints.NONE)).isNull();
        assertThat(engine.inspectHead("/", "cmd=%24(id)", List.of(), TypeHints.NONE).ruleId()).isEqualTo("cmd-substitution");
    }

    @Test
    void locationPatternsMatchWholeSegments() {
        LocationPattern body = new LocationPattern("body/comment");

        assertThat(body.matches("body/comment")).isTrue();
        assertThat(body.matches("body/comment/text")).isTrue();
        assertThat(body.matches("body/comments")).isFalse();
        assertThat(new LocationPattern("header.User-Agent").matches("header.user-agent")).isTrue();
        assertThat(new LocationPattern("query").matches("query.q")).isTrue();
        assertThat(new LocationPattern("body/*/x").matches("body/7/x")).isTrue();
        assertThat(new LocationPattern("body/*/x").matches("body/7/y")).isFalse();
    }

    @Test
    void familiesCanBeLeftOut() {
        InjectionEngine noXss = new InjectionEngine(new InspectionSettings(EnumSet.complementOf(EnumSet.of(ThreatFamily.XSS)),
                ThreatSensitivity.DEFAULT, List.of()));

        assertThat(noXss.inspects(ThreatFamily.XSS)).isFalse();
        assertThat(Inspect.query(noXss, "<iframe src=x>")).isNull();
        assertThat(Inspect.query(noXss, "; id")).isNotNull();
    }

    @Test
    void strictFiresOnWhatDefaultLetsThrough() {
        assertThat(Inspect.query("<b>hi</b>")).isNull();
        assertThat(Inspect.query(Inspect.STRICT, "<b>hi</b>").ruleId()).isEqualTo("xss-html-tag");
        assertThat(Inspect.query("Hello {{name}}")).isNull();
        assertThat(Inspect.query(Inspect.STRICT, "Hello {{name}}").ruleId()).isEqualTo("template-placeholder");
    }
}
