package dev.bulwark.dataplane.threat.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The technique classes the efficacy work of issue 20 added or corrected, each with attacks and the
 * ordinary values that share its surface (examples written for these tests, none from the corpus).
 */
class TechniqueClassesTest {

    private static Detection path(String rawPath) {
        return Inspect.DEFAULT.inspectHead(rawPath, null, List.of(), TypeHints.NONE);
    }

    private static Detection rawQuery(String rawQuery) {
        return Inspect.DEFAULT.inspectHead("/", rawQuery, List.of(), TypeHints.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders/7%20OR%202%3E1", "/items/5%27%3B%20DROP%20TABLE%20items--", "/v1/users/1%20AND%201%3D2"})
    void aPathSegmentIsReadAsTheValueARestRouteSplices(String rawPath) {
        Detection detection = path(rawPath);

        assertThat(detection).isNotNull();
        assertThat(detection.family()).isEqualTo(ThreatFamily.SQL);
        assertThat(detection.location()).isEqualTo("path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/files/report%20(final).pdf", "/search/rock%20%26%20roll", "/users/o'neil/orders",
        "/api/v1/orders/ord_01HX3", "/tags/c%2B%2B", "/docs/2%20or%203%20items"})
    void ordinaryPathSegmentsPass(String rawPath) {
        assertThat(path(rawPath)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '~', textBlock = """
            sql-statement        => 'drop x
            sql-statement        => " insert y
            sql-statement        => ' EXEC master..sp_who
            sql-union-select     => 'union z
            sql-operator-injection => &&
            sql-operator-injection => >=
            sql-operator-injection => regexp
            sql-function-probe   => substring &&(
            sql-function-probe   => ascii= (
            sql-function-probe   => IN(
            sql-operator-injection => title LIKE '
            sql-operator-injection => name rlike "
            sql-boolean-blind    => 5 or
            sql-boolean-blind    => /v2 OR (
            sql-boolean-blind    => item=12 AND(
            """)
    void sqlProbesAndBreakOuts(String rule, String value) {
        Detection detection = Inspect.query(value);

        assertThat(detection).isNotNull();
        assertThat(detection.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'Select All' button", "Press 'Update' to save", "the users' update was applied", "\"Drop\" is a song",
        "-", "+", "like", "See the log (", "Notes (", "exec (", "Size 2 or", "coffee or", "tea and", "it's what I like"})
    void ordinaryTextSharingThoseShapesPasses(String value) {
        assertThat(Inspect.query(value)).isNull();
    }

    @Test
    void aBracketedMongoOperatorInAValueIsNoSqlInjection() {
        assertThat(Inspect.query("next=u[$gt]").family()).isEqualTo(ThreatFamily.NOSQL);
        assertThat(Inspect.query("[$regex]^adm").family()).isEqualTo(ThreatFamily.NOSQL);
        assertThat(Inspect.query("price in [$] dollars")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:application/json,{}", "data:text/plain,hello"})
    void aDataUriOfADocumentTypeIsRemoteInclusion(String value) {
        assertThat(Inspect.query(value).ruleId()).isEqualTo("rfi-data-uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64,iVBORw0KGgo=", "data: 42 rows", "data:audio/ogg;base64,T2dnUw=="})
    void inlineImagesAndProsePass(String value) {
        assertThat(Inspect.query(value)).isNull();
    }

    private static Detection sessionParameter(String host, String referer) {
        List<Map.Entry<String, String>> headers = referer == null ? List.of(Map.entry("Host", host))
                : List.of(Map.entry("Host", host), Map.entry("Referer", referer));
        return Inspect.DEFAULT.inspectHead("/login", "PHPSESSID=4f1c", headers, TypeHints.NONE);
    }

    @Test
    void aSessionParameterIsFixationUnlessTheSiteItselfLinkedIt() {
        assertThat(sessionParameter("shop.example:8443", "https://shop.example/cart")).isNull();
        assertThat(sessionParameter("shop.example", "https://www.shop.example/")).isNull();
        assertThat(sessionParameter("shop.example", null).ruleId()).isEqualTo("session-fixation-parameter");
        assertThat(sessionParameter("shop.example", "https://evil.example/").ruleId()).isEqualTo("session-fixation-parameter");
        assertThat(sessionParameter("shop.example", "https://shop.example.evil.example/").ruleId())
                .isEqualTo("session-fixation-parameter");
        assertThat(sessionParameter("shop.example", "https://shop.example@evil.example/").ruleId())
                .isEqualTo("session-fixation-parameter");
        assertThat(sessionParameter("shop.example", "https://notshop.example/").ruleId()).isEqualTo("session-fixation-parameter");
    }

    @Test
    void phpCodeStartsAfterAProcessingInstructionOfAnotherTarget() {
        assertThat(Inspect.query("<?target shell_exec('ls') ?>")).isNull();
        assertThat(Inspect.query("<?xml version=\"1.0\"?>shell_exec('ls')").family()).isEqualTo(ThreatFamily.PHP);
        assertThat(Inspect.query("<?php shell_exec('ls') ?>").family()).isEqualTo(ThreatFamily.PHP);
    }

    @Test
    void aParenthesisGluedToAWordOpensNoSubshell() {
        assertThat(Inspect.query("see report(whoami) notes")).isNull();
        assertThat(Inspect.query("x;(whoami)").ruleId()).isEqualTo("cmd-chained-command");
    }

    @Test
    void aGlobPathMustBeAWholeShellWord() {
        assertThat(Inspect.header("x-note", "/bin/l?+/tm*/x")).isNull();       // a literal '+' joins the words
        assertThat(rawQuery("q=/bin/l?+/tm*/x").ruleId()).isEqualTo("cmd-glob-path");   // form decoding: a space
    }

    @Test
    void aLiteralPlusInAUrlEncodedValueIsReadAsTheSpaceASecondDecodingMakesOfIt() {
        assertThat(rawQuery("q=uname%2B-a").family()).isEqualTo(ThreatFamily.COMMAND);
        assertThat(Inspect.header("x-note", "uname+-a")).isNull();
        assertThat(rawQuery("q=C%2B%2B+and+Java")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=who;b=ami;$a$b", "x=nc && $x -l 4444", "p=/bin/sh\n${p} -i"})
    void aCommandAssembledInAVariableIsFound(String value) {
        assertThat(Inspect.query(value).ruleId()).isEqualTo("cmd-variable-command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"price=$5; total=$10", "a=1; b=$a", "Cost: $x; see $y"})
    void assignmentsInTextPass(String value) {
        assertThat(Inspect.query(value)).isNull();
    }

    @Test
    void aRefererNamingASensitiveFileIsAnotherSitesRoute() {
        assertThat(Inspect.header("referer", "https://git.example/org/repo/blob/main/.htaccess")).isNull();
        assertThat(Inspect.header("referer", "https://git.example/../../etc/shadow")).isNotNull();
        assertThat(Inspect.query("https://git.example/org/repo/blob/main/.htaccess")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_send_query_params(", "odbc_exec_direct()", "sodium_crypto_box_keypair ()", "x=tidy_repair_string('a')",
        "zlib_get_coding_type(1)", "posix_set_uid($u)"})
    void aCallNamedTheWayPhpNamesExtensionFunctionsIsPhp(String value) {
        assertThat(Inspect.query(value).ruleId()).isEqualTo("php-extension-call");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql_data(", "stream_id()", "pg_total_count(notes)", "my_pg_send_query(", "see the pg_hba_conf file",
        "order_by_date()", "zip_code_lookup (see below)"})
    void snakeCaseNamesAndCallsWithProseArgumentsPass(String value) {
        assertThat(Inspect.query(value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab\\u0063\\u0064ef", "x=\\u0065\\u0076al", "\"in \\u0076\\u0061lueOf="})
    void anIdentifierSpelledWithUnicodeEscapesIsScript(String value) {
        assertThat(rawQuery("q=" + value).ruleId()).isEqualTo("xss-escaped-identifier");
        assertThat(Inspect.query(value).ruleId()).isEqualTo("xss-escaped-identifier");   // the backslash percent-encoded
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\\u00e9", "\\u00e9\\u00e8\\u00ea", "\\u003cb\\u003e", "a\\u0022b", "\\u0041 is A"})
    void escapesOfQuotesMarkupAndNonAsciiPass(String value) {
        assertThat(rawQuery("q=" + value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"~0", "~2/etc/passwd", "~+1/.ssh/id_rsa", " ~-3"})
    void aDirectoryStackEntryIsShellExpansion(String value) {
        assertThat(Inspect.query(value).ruleId()).isEqualTo("cmd-shell-expansion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"~5 minutes", "about ~30", "~2.5 kg", "x~0", "~"})
    void approximationsPass(String value) {
        assertThat(Inspect.query(value)).isNull();
    }

    @Test
    void aPlusInAPathSegmentIsASpaceForTheSqlReading() {
        assertThat(path("/orders/24'union+all+select+1,2,3+from+users").family()).isEqualTo(ThreatFamily.SQL);
        assertThat(path("/tags/c++/posts")).isNull();
        assertThat(path("/search/rock+and+roll")).isNull();
    }

    @Test
    void closingACommentOrCdataFirstIsStrictOnly() {
        for (String value : List.of("-->", "--!> x", "]]> y")) {
            assertThat(Inspect.query(value)).as(value).isNull();
            assertThat(Inspect.query(Inspect.STRICT, value).ruleId()).as(value).isEqualTo("xss-context-breakout");
        }
        assertThat(Inspect.query(Inspect.STRICT, "a --> b")).isNull();
    }
}
