package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlKeywords.*;
import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * How convincingly a statement keyword opens a statement, judged from the few tokens after it.
 * English shares many of these words ("select one", "update me", "drop by", "delete from cart"), so
 * a keyword alone proves little: {@code SELECT *}, {@code DROP TABLE x}, {@code UPDATE t SET},
 * {@code EXEC xp_cmdshell}, {@code DECLARE @v} do. Look-ahead is a fixed handful of tokens.
 */
final class SqlStatements {

    /** Not a statement (or too little of one to say). */
    static final int WEAK = 0;
    /** A statement if the rest of the value is valid SQL too. */
    static final int PLAUSIBLE = 1;
    /** A statement on its face. */
    static final int STRONG = 2;

    private SqlStatements() {
    }

    static int opening(SqlTokens t, int k) {
        int word = t.keyword(k);
        int a = t.next(k);
        int b = t.next(a);
        int c = t.next(b);
        if (word == SELECT) {
            return select(t, k);
        }
        if (word == INSERT || word == REPLACE) {
            if (t.isKeyword(a, INTO)) {
                return name(t, b) && (t.kind(c) == LPAREN || t.isKeyword(c, VALUES) || t.isKeyword(c, SELECT)
                        || t.isKeyword(c, SET) || t.is(b, CALL)) ? STRONG : WEAK;
            }
            return name(t, a) && (t.isKeyword(b, VALUES) || t.isKeyword(b, SET)) ? PLAUSIBLE : WEAK;
        }
        if (word == UPDATE) {
            return name(t, a) && t.isKeyword(skipQualified(t, a), SET) ? STRONG : WEAK;
        }
        if (word == DELETE) {
            int after = skipQualified(t, b);
            return t.isKeyword(a, FROM) && name(t, b) && (t.isKeyword(after, WHERE) || t.kind(after) == SEMICOLON
                    || t.isKeyword(after, LIMIT)) ? STRONG : WEAK;
        }
        if (word == DROP || word == CREATE || word == ALTER || word == TRUNCATE) {
            return definition(t, word, a);
        }
        if (word == EXEC || word == EXECUTE) {
            if (has(t.keyword(a), CATALOG) || t.isKeyword(a, IMMEDIATE) || t.kind(a) == VARIABLE || t.kind(a) == STRING
                    || t.kind(a) == LPAREN && (t.kind(b) == STRING || t.kind(b) == VARIABLE)
                    || name(t, a) && t.kind(b) == DOT) {
                return STRONG;
            }
            boolean complete = b >= t.size || t.kind(b) == SEMICOLON;          // EXEC proc: a whole statement
            return name(t, a) && (complete || t.kind(b) == VARIABLE || t.kind(b) == STRING || t.kind(b) == NUMBER)
                    ? PLAUSIBLE : WEAK;
        }
        if (word == DECLARE) {
            return t.kind(a) == VARIABLE ? STRONG : name(t, a) && has(t.keyword(b), TYPE) ? PLAUSIBLE : WEAK;
        }
        if (word == SET) {
            return t.kind(a) == VARIABLE ? STRONG
                    : name(t, a) && (t.isOp(b, OP_EQ) || t.isOp(b, OP_ASSIGN) || t.isKeyword(b, TO)) ? PLAUSIBLE : WEAK;
        }
        if (word == WAITFOR) {
            return (t.isKeyword(a, DELAY) || t.isKeyword(a, TIME)) && t.kind(b) == STRING ? STRONG : WEAK;
        }
        if (word == PREPARE) {
            return name(t, a) && t.isKeyword(b, FROM) ? STRONG : WEAK;
        }
        if (word == LOAD) {
            int d = t.isKeyword(b, LOCAL) ? c : b;
            return t.isKeyword(a, DATA) && t.isKeyword(d, INFILE) ? STRONG : WEAK;
        }
        if (word == SHOW) {
            boolean what = t.textIs(a, "databases") || t.textIs(a, "tables") || t.textIs(a, "grants")
                    || t.textIs(a, "schemas") || t.textIs(a, "processlist") || t.textIs(a, "variables")
                    || t.textIs(a, "columns");
            return what && (b >= t.size || t.kind(b) == SEMICOLON || t.isKeyword(b, FROM) || t.isKeyword(b, LIKE)
                    || t.isKeyword(b, WHERE)) ? STRONG : WEAK;
        }
        if (word == COPY) {
            return name(t, a) && (t.isKeyword(b, TO) || t.isKeyword(b, FROM)) && t.isKeyword(c, PROGRAM) ? STRONG : WEAK;
        }
        if (word == WITH) {
            return name(t, a) && t.isKeyword(b, AS) && t.kind(c) == LPAREN ? STRONG : WEAK;
        }
        return WEAK;
    }

    /** SELECT followed by something a select list holds and prose does not. */
    static int select(SqlTokens t, int k) {
        int a = t.next(k);
        while (t.isKeyword(a, DISTINCT) || t.isKeyword(a, ALL) || t.isKeyword(a, DISTINCTROW)) {
            a = t.next(a);
        }
        if (t.isKeyword(a, TOP)) {
            a = t.next(t.next(a));
        }
        if (a >= t.size) {
            return WEAK;
        }
        int kind = t.kind(a);
        if (t.isOp(a, OP_STAR) || kind == LPAREN || kind == VARIABLE || t.isKeyword(a, CASE)
                || kind == WORD && t.is(a, CALL)) {
            return STRONG;
        }
        int b = skipQualified(t, a);
        boolean literal = kind == NUMBER || kind == STRING || has(t.keyword(a), LITERAL) || t.isOp(a, OP_MINUS);
        if (literal && t.isOp(a, OP_MINUS)) {
            b = t.next(t.next(a));
        }
        int after = t.keyword(b);
        boolean clause = after == FROM || after == INTO || after == UNION || after == WHERE || after == GROUP
                || after == ORDER || after == HAVING || after == LIMIT;
        if (literal) {
            return t.kind(b) == COMMA || clause ? STRONG : t.kind(b) == SEMICOLON ? PLAUSIBLE : WEAK;
        }
        return name(t, a) && (clause || t.kind(b) == COMMA) ? PLAUSIBLE : WEAK;
    }

    private static int definition(SqlTokens t, int word, int a) {
        int object = a;
        while (t.isKeyword(object, OR) || t.isKeyword(object, REPLACE)
                || t.textIs(object, "temporary") || t.textIs(object, "temp")) {
            object = t.next(object);
        }
        boolean kind = has(t.keyword(object), OBJECT);
        int name = t.next(object);
        if (t.isKeyword(name, IF)) {                     // IF [NOT] EXISTS
            name = t.next(name);
            if (t.isKeyword(name, NOT_)) {
                name = t.next(name);
            }
            name = t.next(name);
        }
        if (word == TRUNCATE) {
            return t.isKeyword(a, TABLE) && name(t, name) ? STRONG : WEAK;
        }
        if (!kind) {
            int after = t.next(a);
            return word == DROP && name(t, a) && (t.kind(after) == SEMICOLON || trailingComment(t, a)) ? PLAUSIBLE : WEAK;
        }
        if (!name(t, name)) {
            return WEAK;
        }
        if (word == DROP) {
            return STRONG;
        }
        int after = skipQualified(t, name);
        if (word == CREATE) {
            return t.is(name, CALL) || t.kind(after) == LPAREN || t.isKeyword(after, AS) ? STRONG : WEAK;
        }
        int w = t.keyword(after);
        return w == ADD || w == DROP || w == MODIFY || w == RENAME || w == ALTER || w == SET || t.textIs(after, "owner")
                ? STRONG : WEAK;
    }

    /** Whether token {@code i} can name a table, column or routine. */
    static boolean name(SqlTokens t, int i) {
        if (i >= t.size) {
            return false;
        }
        int kind = t.kind(i);
        if (kind == QUOTED_IDENT) {
            return true;
        }
        if (kind != WORD) {
            return false;
        }
        int roles = roles(t.keyword(i));
        return (roles & (LOGIC_OR | LOGIC_AND | NOT | STATEMENT | CLAUSE | BINARY | CASE_PART)) == 0;
    }

    /** The token after a possibly qualified name starting at {@code i} (a, a.b, a.b.c). */
    static int skipQualified(SqlTokens t, int i) {
        int after = t.next(i);
        int guard = 0;
        while (t.kind(after) == DOT && guard++ < 4) {
            int part = t.next(after);
            if (part >= t.size || !(t.kind(part) == WORD || t.kind(part) == QUOTED_IDENT)) {
                return part;
            }
            after = t.next(part);
        }
        return after;
    }

    private static boolean trailingComment(SqlTokens t, int i) {
        int j = i + 1;
        return j < t.size && t.kind(j) == COMMENT && t.next(i) >= t.size;
    }

    /** How a bare value begins. */
    static int lead(SqlTokens t, int i) {
        int k = t.kind(i);
        switch (k) {
            case NUMBER, STRING, VARIABLE -> {
                return SqlRuling.LEAD_LITERAL;
            }
            case QUOTED_IDENT -> {
                return SqlRuling.LEAD_WORD;
            }
            case RPAREN -> {
                return SqlRuling.LEAD_CLOSER;
            }
            case LPAREN -> {
                return SqlRuling.LEAD_PAREN;
            }
            case SEMICOLON -> {
                return SqlRuling.LEAD_SEMI;
            }
            case COMMA -> {
                return SqlRuling.LEAD_COMMA;
            }
            case OPERATOR -> {
                int op = t.detail(i);
                if ((op == OP_MINUS || op == OP_PLUS) && t.kind(t.next(i)) == NUMBER) {
                    return SqlRuling.LEAD_LITERAL;
                }
                if (op == OP_AND || op == OP_OR) {
                    return SqlRuling.LEAD_LOGIC;
                }
                return SqlPredicate.isComparison(op) ? SqlRuling.LEAD_BINOP : SqlRuling.LEAD_OTHER;
            }
            case WORD -> {
                int keyword = t.keyword(i);
                int roles = roles(keyword);
                if (t.is(i, CALL) && keyword != SELECT && ((roles & STATEMENT) == 0 || (roles & FUNC) != 0)) {
                    return SqlRuling.LEAD_CALL;
                }
                if ((roles & (LOGIC_OR | LOGIC_AND)) != 0) {
                    return SqlRuling.LEAD_LOGIC;
                }
                if (keyword == NOT_) {
                    return has(t.keyword(t.next(i)), BINARY) ? SqlRuling.LEAD_BINOP : SqlRuling.LEAD_PAREN;
                }
                if ((roles & BINARY) != 0) {
                    return SqlRuling.LEAD_BINOP;
                }
                if ((roles & STATEMENT) != 0) {
                    return SqlRuling.LEAD_STATEMENT;
                }
                if ((roles & CLAUSE) != 0) {
                    return SqlRuling.LEAD_CLAUSE;
                }
                if ((roles & LITERAL) != 0) {
                    return SqlRuling.LEAD_LITERAL;
                }
                if ((roles & PREFIX) != 0) {
                    return SqlRuling.LEAD_PAREN;
                }
                return (roles & (CASE_PART | POSTFIX)) != 0 ? SqlRuling.LEAD_OTHER : SqlRuling.LEAD_WORD;
            }
            default -> {
                return SqlRuling.LEAD_OTHER;
            }
        }
    }
}
