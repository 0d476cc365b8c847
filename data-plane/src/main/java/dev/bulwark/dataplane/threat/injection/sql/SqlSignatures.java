package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlKeywords.*;
import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * Token sequences that mean SQL injection wherever they stand in the code of a context, whether or
 * not what precedes them parses: {@code UNION SELECT}, a delay call with an argument,
 * {@code WAITFOR DELAY '..'}, {@code INTO OUTFILE}, system catalogs and extended procedures, MySQL's
 * executable comments. Catalogs and reconnaissance functions must stand where SQL puts them (after
 * an operator, a keyword, a parenthesis, a quote), not after an ordinary word, so prose that names
 * {@code information_schema} or asks what {@code version()} returns is not reported.
 *
 * <p>Each check looks at most a few tokens ahead of the current one: linear in the value.
 */
final class SqlSignatures {

    long steps;

    SqlRule scan(SqlTokens t) {
        for (int i = 0; i < t.size; i++) {
            steps++;
            SqlRule rule = switch (t.kind[i]) {
                case COMMENT -> t.is(i, VERSIONED) && executable(t, i + 1) ? SqlRule.OBFUSCATION : null;
                case NUMBER -> t.is(i, BARE_EXPONENT) && bareExponentTrick(t, i) ? SqlRule.OBFUSCATION : null;
                case VARIABLE -> t.is(i, SYSTEM) && systemVariable(t, i) ? SqlRule.FUNCTION_PROBE : null;
                case WORD -> word(t, i);
                default -> null;
            };
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private SqlRule word(SqlTokens t, int i) {
        int keyword = t.detail[i];
        if (keyword < 0 && !t.textIs(i, "mysql")) {
            return null;                                    // most words of most values
        }
        int a = t.next(i);
        if (keyword == UNION) {
            int j = a;
            if (t.isKeyword(j, ALL) || t.isKeyword(j, DISTINCT) || t.isKeyword(j, DISTINCTROW)) {
                j = t.next(j);
            }
            for (int guard = 0; guard < 4 && t.kind(j) == LPAREN; guard++) {
                j = t.next(j);
            }
            return t.isKeyword(j, SELECT) ? SqlRule.UNION_SELECT : null;
        }
        if (keyword == WAITFOR) {
            return (t.isKeyword(a, DELAY) || t.isKeyword(a, TIME)) && t.kind(t.next(a)) == STRING ? SqlRule.TIME_BASED : null;
        }
        if (keyword == INTO) {
            return t.isKeyword(a, OUTFILE) || t.isKeyword(a, DUMPFILE) ? SqlRule.FUNCTION_PROBE : null;
        }
        if (keyword == LOAD) {
            int b = t.next(a);
            return t.isKeyword(a, DATA) && (t.isKeyword(b, INFILE) || t.isKeyword(b, LOCAL) && t.isKeyword(t.next(b), INFILE))
                    ? SqlRule.FUNCTION_PROBE : null;
        }
        if (keyword == PROCEDURE) {
            return t.isKeyword(a, ANALYSE) ? SqlRule.FUNCTION_PROBE : null;
        }
        if ((keyword == TO || keyword == FROM) && t.isKeyword(a, PROGRAM) && t.kind(t.next(a)) == STRING) {
            return SqlRule.FUNCTION_PROBE;                  // COPY .. TO PROGRAM 'cmd'
        }
        int roles = roles(keyword);
        if ((roles & FUNC_TIME) != 0 && t.is(i, CALL) && delayArgument(t, t.next(a))) {
            return SqlRule.TIME_BASED;
        }
        if ((roles & CATALOG) != 0 && sqlBefore(t, i, true)) {
            return t.textStarts(i, "pg_sleep") ? SqlRule.TIME_BASED : SqlRule.FUNCTION_PROBE;
        }
        if ((roles & FUNC_PROBE) != 0 && t.is(i, CALL) && sqlBefore(t, i, false) && sqlAfter(t, a)) {
            return SqlRule.FUNCTION_PROBE;
        }
        if (keyword < 0 && t.textIs(i, "mysql") && t.kind(a) == DOT && sqlBefore(t, i, false)) {
            int table = t.next(a);
            return t.textIs(table, "user") || t.textIs(table, "db") || t.textIs(table, "host") || t.textIs(table, "proc")
                    || t.textIs(table, "tables_priv") || t.textIs(table, "columns_priv") || t.textIs(table, "func")
                    ? SqlRule.FUNCTION_PROBE : null;
        }
        return null;
    }

    /** What follows MySQL's {@code /*!} is code: report it when it reads as SQL, not as a licence banner. */
    private static boolean executable(SqlTokens t, int j) {
        if (j >= t.size) {
            return false;
        }
        int k = t.kind(j);
        return k == WORD && roles(t.keyword(j)) != 0 || k == OPERATOR || k == NUMBER || k == LPAREN || k == VARIABLE;
    }

    /** {@code 1.e(} and {@code 1.e.tables}: a number MySQL parses and then ignores, used to split keywords. */
    private static boolean bareExponentTrick(SqlTokens t, int i) {
        int j = i + 1;
        if (!t.is(j, GLUED)) {
            return false;
        }
        return t.kind(j) == LPAREN || t.kind(j) == DOT && t.keyword(j + 1) >= 0 && t.is(j + 1, GLUED);
    }

    private static boolean systemVariable(SqlTokens t, int i) {
        int from = t.start[i] + 2;
        int to = t.end[i];
        for (int c = from; c < to; c++) {
            if (t.text.charAt(c) == '.') {
                from = c + 1;               // @@global.version
            }
        }
        return has(SqlKeywords.lookup(t.text, from, to), SYSVAR);
    }

    /** A delay function's first argument: a number (not followed by a word), an expression or a subquery. */
    private static boolean delayArgument(SqlTokens t, int a) {
        int k = t.kind(a);
        if (k == NUMBER) {
            int after = t.next(a);
            return !(t.kind(after) == WORD && roles(t.keyword(after)) == 0) && t.kind(after) != DOT;
        }
        return k == LPAREN || k == VARIABLE || k == WORD && (t.is(a, CALL) || t.isKeyword(a, SELECT))
                || t.isOp(a, OP_MINUS);
    }

    /** Whether the token before {@code i} is one after which SQL puts a name or a call (not a prose word). */
    private static boolean sqlBefore(SqlTokens t, int i, boolean dotAllowed) {
        int p = t.previous(i);
        if (p < 0) {
            return true;
        }
        return switch (t.kind(p)) {
            case OPERATOR, LPAREN, COMMA, SEMICOLON, STRING, QUOTED_IDENT, RPAREN -> true;
            case DOT -> dotAllowed;
            case WORD -> (roles(t.keyword(p)) & (STATEMENT | CLAUSE | LOGIC_OR | LOGIC_AND | BINARY | NOT | PREFIX
                    | CASE_PART)) != 0;
            default -> false;
        };
    }

    /** Whether what follows the call opening at {@code open} continues SQL (or the value ends). */
    private static boolean sqlAfter(SqlTokens t, int open) {
        int close = t.match[open];
        if (close < 0) {
            return true;
        }
        int a = t.next(close);
        if (a >= t.size) {
            return true;
        }
        return switch (t.kind(a)) {
            case OPERATOR, RPAREN, COMMA, SEMICOLON -> true;
            case WORD -> (roles(t.keyword(a)) & (CLAUSE | LOGIC_OR | LOGIC_AND | BINARY)) != 0;
            default -> false;
        };
    }
}
