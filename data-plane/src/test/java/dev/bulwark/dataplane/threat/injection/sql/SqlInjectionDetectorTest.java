package dev.bulwark.dataplane.threat.injection.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.GateAudit;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Attack classes per rule, at the default sensitivity (strict reports at least as much). */
class SqlInjectionDetectorTest {

    private static final SqlInjectionDetector DETECTOR = new SqlInjectionDetector();

    private static Stream<Arguments> rule(String id, String... values) {
        return Arrays.stream(values).map(value -> Arguments.of(id, value));
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                rule("sql-tautology",
                        "' or 1=1--", "' OR '1'='1", "' or ''='", "\" or \"\"=\"", "') or ('a'='a", "')) or 1=1--",
                        "1 or 1=1", "-1 or 2>1", "1 OR 1=1#", "x' or 'x'='x", "' or 'a'<'b", "' or true--",
                        "' or not 0--", "' or ~0--", "1) or (1=1", "` or 1=1--", "\") or (\"1\"=\"1", "' || 1=1 --",
                        "'/**/or/**/1=1--", "'\tOR\t1=1--", "' oR 1=1 -- ", "x'='x", "1=1", "42<=>42", "11!=1",
                        "1 is not 2", "a,1=1", "' or 1 is not null--", "' or email=email--", "\\'or'1",
                        "x' or array[id] is not null--", "a=1&b=2 or 1=1",
                        "1\u2019 OR \u20191\u2019=\u20191",          // typographic quotes, best-fit mapped to '
                        "9999 or /*+ optimizer hint */ true"),
                rule("sql-boolean-blind",
                        "1 AND 1=2", "' AND 1=1 AND 'a'='a", "EmptyValue' and 526=527", "1 AND 1=1 --",
                        "1 AND ASCII(SUBSTRING((SELECT password FROM users LIMIT 1),1,1))>64",
                        "' AND (SELECT COUNT(*) FROM users)>0--", "1 AND EXISTS(SELECT * FROM users)",
                        "' and chr(65)||chr(66)='AB", "1 and 0x41=0x41", "' or email like '%@%' --",
                        "' or username is not null-- ", "z'or email notnull--", "'or(id glob 1)--", "or 120=121=",
                        "AND 4372=(", "||(null!=", "&&(b=0)", "OR name = \"", "' and '1'::int=1--",
                        "admin@example.com'and unlikely (id)--", "OR '{\"b\":2}'::jsonb <@ '{\"a\":1, \"b\":2}'::jsonb",
                        "OR substr('{\"id\": 14}', 1, 1) = '{'", "9999 or {if length((select 1))>0}",
                        "' or abc<"),
                rule("sql-union-select",
                        "1 UNION SELECT username, password FROM users--", "' UNION ALL SELECT NULL,NULL,NULL-- -",
                        "-1 union/**/select/**/1,2,3", "1/**/UnIoN/**/SeLeCt/**/1,2", "0 union(select(1),(2))",
                        "1e1union select 1", "1.e1union select 1", "1 union distinct select 1",
                        "x\") UNION ALL select NULL --", "2020-03-01 UNION ALL SELECT CONCAT"),
                rule("sql-stacked-query",
                        "'; DROP TABLE users; --", "1; DROP TABLE users", "'; shutdown--", "1;select 1",
                        "'; insert into users values('hacker','pw')--", "'; update users set password='x'--",
                        "'; delete from users where 1=1--", "'; declare @s varchar(99); set @s='x'; exec(@s)--",
                        ";update users", "';SELECT P", "x', '4');declare @q varchar(99);--",
                        "mod(1,1);SET @a=1;prepare b from @a;execute b;", "admin@example.com';", "';#"),
                rule("sql-comment-truncation",
                        "admin'--", "admin' #", "admin'/*", "admin\")--", "x'-email--", "id'is not-id--",
                        "user'collate nocase--", "'/**/*2--", "1) --"),
                rule("sql-time-based",
                        "1 AND SLEEP(5)", "' AND SLEEP(5)-- -", "1; waitfor delay '0:0:5'--", "' or pg_sleep(5)--",
                        "1 AND BENCHMARK(5000000,MD5(1))", "' and randomblob(1000000000)--", "SLEEP(5)",
                        "'=sleep(5)='", "1 or if(1=1,sleep(5),0)", "1 AND (SELECT 5 FROM (SELECT(SLEEP(5)))x)",
                        "sELecT slEep (20 dIv 3)", "if(now()=sysdate(),sleep(/*c*/12),0)", "select pg_sleep",
                        "x\" waitfor delay'0:0:20'--", "test{${sleep(12)}}", "; sleep(0)"),
                rule("sql-function-probe",
                        "' and extractvalue(1,concat(0x7e,version()))--", "@@version", "database(", "DB_NAME(",
                        "InFoRmaTioN_ScHemA", "FROM INFORMATION_SCHEMA.", "xp_cmdshell", "EXec xp_cmdshell",
                        "'; EXEC xp_cmdshell 'dir'--", "1 procedure analyse()", "procedure analyse (",
                        "' or 1=1 into dumpfile '/tmp/x'--", "x into outfile '/var/www/s.php'; --",
                        "1; COPY t FROM PROGRAM 'id'", "mysql.db", "MSysAccessObjects", "lo_import('/etc/passwd')",
                        "' + (SELECT TOP 1 name FROM sysobjects) + '", ", FIND_IN_SET('22', Category )",
                        "BENChmARk(", "round(", "SUBSTRING(", "concat(0x7e,version())", "(load_file(", "select(user(",
                        "exec master.dbo.xp_dirtree", "OR json_extract('{\"id\": 14}', '$.id') = 14",
                        "'msdasql'"),
                rule("sql-statement",
                        "SELECT * FROM users WHERE id=1", "select if(x", "SELECT CHAR(", "in ( select id from t )",
                        "DECLARE @x INT", "DECLARE/**/@x", "exec master.dbo.sp_who", "EXECUTE IMMEDIATE \"",
                        "DROP TABLE users", "DROP sampletable;--", "CREATE FUNCTION hello (s CHAR(20)) RETURNS CHAR(50)",
                        "from(select count(*),concat(0x7e,1)x", "FROM termine GROUP BY tag1", "(SELECT",
                        "SELECT x GROUP BY y", "next=/x?a=b&c=(SELECT", "1 RLIKE (SELECT (CASE WHEN (1=1) THEN 1 ELSE 0x28 END))",
                        "WITH t AS (SELECT 1) SELECT * FROM t", "SHOW TABLES"),
                rule("sql-clause-injection",
                        "1 ORDER BY 10--", "1' ORDER BY 3--+", "' GROUP BY columnnames having 1=1 --",
                        "1 GROUP BY CONCAT(0x71,FLOOR(RAND(0)*2)) HAVING MIN(1)", ") AS t FROM", "` AS `x` from",
                        "1234 AS \"foobar\" FROM tablevar2=whatever", "' HAVING 1=1--", "order by if(1,2,3)",
                        "HAVING COUNT(CustomerID) > 5"),
                rule("sql-operator-injection",
                        "in (0,1)", " IN (815914, 815913)", "IS NULL", "LIKE NULL", "password::int", "1::text",
                        "'[1,2,3]'::json ->> 2='3'", "'{\"a\":[1,2]}'::jsonb @? '$.a[*]'", ") like (",
                        "case when condition1 then result1"),
                rule("sql-obfuscation",
                        "'/*!50000or*/1=1--", "/*!50000UNION*//*!50000SELECT*/1,2", "1/*!UNION*/SELECT 1",
                        "1.e(ascii)", "1.e.tables", "id=1/*!00000and*/2")).flatMap(cases -> cases);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacks")
    void reportsEachAttackClassUnderItsRule(String rule, String value) {
        assertThat(DETECTOR.match(value, ThreatSensitivity.DEFAULT)).isEqualTo(rule);
        assertThat(DETECTOR.match(value, ThreatSensitivity.STRICT)).as("strict reports what default does, under the same id")
                .isEqualTo(rule);
        GateAudit.assertSound(ThreatFamily.SQL, value); // the prefilter's declaration never hides this finding
    }

    @Test
    void eachDialectsOwnSyntax() {
        String[] values = {
            "1 AND 1=utl_inaddr.get_host_name((SELECT user FROM dual))",          // Oracle
            "' AND 5=DBMS_PIPE.RECEIVE_MESSAGE('x',5)--",                         // Oracle delay
            "1 and (select substr(banner,1,1) from v$version where rownum=1)='O'",// Oracle catalog
            "'||(SELECT username FROM users WHERE rownum=1)||'",                  // Oracle/PG concatenation
            "' || pg_read_file('/etc/passwd') || '",                              // PostgreSQL
            "1; SELECT pg_sleep(5)--",
            "' AND 1=CONVERT(int,@@version)--",                                   // SQL Server
            "1; exec master..xp_cmdshell 'ping 10.0.0.1'",
            "' UNION SELECT name FROM sqlite_master--",                           // SQLite
            "admin@example.com' or sqlite_compileoption_used (id)--",
            "1 and (select 1 from(select count(*),concat(version(),floor(rand(0)*2))x from information_schema.tables group by x)a)",
            "id=@.:=right(right((select user_login from wp_users limit 1,1),1111),1111)"};
        for (String value : values) {
            assertThat(DETECTOR.match(value, ThreatSensitivity.DEFAULT)).as(value).isNotNull();
            GateAudit.assertSound(ThreatFamily.SQL, value);
        }
    }

    @Test
    void strictAlsoReportsFragmentsThatDefaultLetsThrough() {
        String[] strictOnly = {"x' select H", "1 xor 1", "1 LIMIT 1,1", "order by date", "x' or username"};
        for (String value : strictOnly) {
            assertThat(DETECTOR.match(value, ThreatSensitivity.DEFAULT)).as("default: %s", value).isNull();
            assertThat(DETECTOR.match(value, ThreatSensitivity.STRICT)).as("strict: %s", value).isNotNull();
            GateAudit.assertSound(ThreatFamily.SQL, value);
        }
        assertThat(DETECTOR.match("x' select H", ThreatSensitivity.STRICT)).isEqualTo("sql-breakout");
    }

    @Test
    void aValueOpeningByLeavingTheLiteralForAStatementIsReportedAtDefault() {
        assertThat(DETECTOR.match("'alter b", ThreatSensitivity.DEFAULT)).isEqualTo("sql-statement");
        assertThat(DETECTOR.match("\" union b", ThreatSensitivity.DEFAULT)).isEqualTo("sql-union-select");
        assertThat(DETECTOR.match("'Select All' button", ThreatSensitivity.DEFAULT)).isNull();      // the quote closes
        assertThat(DETECTOR.match("users' update", ThreatSensitivity.DEFAULT)).isNull();            // not at the start
    }

    @Test
    void theSameValueAlwaysGetsTheSameRule() {
        String value = "1' and 1=2 union select sleep(5), version()--";
        String first = DETECTOR.match(value, ThreatSensitivity.DEFAULT);
        for (int i = 0; i < 5; i++) {
            DETECTOR.match("unrelated ' value", ThreatSensitivity.STRICT);
            assertThat(DETECTOR.match(value, ThreatSensitivity.DEFAULT)).isEqualTo(first);
        }
        assertThat(first).isEqualTo("sql-union-select");
    }

    @Test
    void emptyAndNullValuesAreNotInjections() {
        assertThat(DETECTOR.match("", ThreatSensitivity.STRICT)).isNull();
        assertThat(DETECTOR.match(null, ThreatSensitivity.STRICT)).isNull();
        assertThat(DETECTOR.match(new StringBuilder("1 or 1=1"), ThreatSensitivity.DEFAULT)).as("any CharSequence")
                .isEqualTo("sql-tautology");
    }

    @Test
    void everyRuleIdIsStableAndPrefixed() {
        for (SqlRule rule : SqlRule.values()) {
            assertThat(rule.id()).startsWith("sql-").matches("[a-z-]+");
        }
    }
}
