package dev.bulwark.dataplane.threat.injection.sql;

/** What the SQL detector found; {@link #id()} is the stable rule id security events carry. */
public enum SqlRule {
    /** An always-true condition after OR, or a value that is one: {@code ' or 1=1}, {@code x'='x}. */
    TAUTOLOGY("sql-tautology"),
    /** A condition joined with AND/OR that probes data: {@code ' and 526=527}, {@code 1 and ascii(..)>64}. */
    BOOLEAN_BLIND("sql-boolean-blind"),
    /** {@code UNION [ALL] SELECT}. */
    UNION_SELECT("sql-union-select"),
    /** A second statement after ';' ({@code '; drop table t}), or a break-out ending the statement. */
    STACKED_QUERY("sql-stacked-query"),
    /** A break-out whose comment swallows the rest of the application's statement: {@code admin'--}. */
    COMMENT_TRUNCATION("sql-comment-truncation"),
    /** Delays: {@code sleep(5)}, {@code benchmark(..)}, {@code pg_sleep(5)}, {@code waitfor delay '0:0:5'}. */
    TIME_BASED("sql-time-based"),
    /** Reconnaissance and abuse functions and objects: {@code version()}, {@code load_file(}, {@code information_schema}, {@code xp_cmdshell}, {@code into outfile}; or a value that is a SQL function call. */
    FUNCTION_PROBE("sql-function-probe"),
    /** A value that is a SQL statement or holds a subquery: {@code SELECT * FROM t}, {@code EXEC master.dbo.x}. */
    STATEMENT("sql-statement"),
    /** Clauses that restructure the query: {@code ORDER BY 5}, {@code GROUP BY .. HAVING}, {@code ) AS x FROM}. */
    CLAUSE_INJECTION("sql-clause-injection"),
    /** A value that is an expression in SQL-only syntax: {@code IN (0,1)}, {@code IS NULL}, {@code '..'::jsonb ->> 2}. */
    OPERATOR_INJECTION("sql-operator-injection"),
    /** Constructs that only exist to slip past filters: MySQL {@code /*!50000select*}{@code /}, {@code 1.e(}. */
    OBFUSCATION("sql-obfuscation"),
    /** Strict only: a quote closing the literal followed directly by SQL ({@code 'select}, {@code ' union}). */
    BREAKOUT("sql-breakout");

    private final String id;

    SqlRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
