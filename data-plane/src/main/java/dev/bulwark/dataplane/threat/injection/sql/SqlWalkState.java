package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlKeywords.*;
import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * The state of one {@link SqlGrammar} walk, and the moves every position shares: taking an operand,
 * opening and closing parentheses, aliases, and the clauses that continue a query after an operand
 * (FROM, WHERE, GROUP/ORDER BY, AS, JOIN, UNION ...). Each move returns the next token to read, or -1
 * when SQL could not accept the token there.
 *
 * <p>Nesting is a depth counter with a bounded table of what each level is reading (an expression, a
 * select list, a FROM list), so aliases are accepted where SQL accepts them and nowhere else.
 */
abstract class SqlWalkState {

    static final int EXPECT_OPERAND = 0, EXPECT_OPERATOR = 1, EXPECT_STATEMENT = 2, INSIDE_STATEMENT = 3;
    static final int EXPR = 0, SELECT_LIST = 1, FROM_LIST = 2;
    private static final int LEVELS = 64;

    final SqlRuling ruling = new SqlRuling();
    final int[] mode = new int[LEVELS + 1];
    final boolean[] aliased = new boolean[LEVELS + 1];
    SqlTokens t;
    int state;
    int depth;
    int last;               // the last token the walk consumed
    boolean emptyParen;     // just after '(' : ')' may follow
    boolean afterDot;       // just after '.' in a qualified name
    int escapes;            // open ODBC escapes: MySQL reads {ident expr} as expr
    boolean between;        // after BETWEEN: the next AND belongs to it
    int brackets;           // open ARRAY[ constructors (PostgreSQL)

    final int clause(int i, int keyword) {
        ruling.clause(i, keyword, depth);
        if (keyword == FROM) {
            mode[slot()] = FROM_LIST;
            aliased[slot()] = false;
            return toOperand(i);
        }
        if (keyword == GROUP || keyword == ORDER) {
            int by = t.next(i);
            if (!t.isKeyword(by, BY)) {
                return -1;
            }
            mode[slot()] = EXPR;
            return toOperand(by);
        }
        if (keyword == AS) {
            int name = t.next(i);
            int k = t.kind(name);
            if (k == STRING || k == QUOTED_IDENT || k == WORD && SqlStatements.name(t, name)) {
                aliased[slot()] = true;
                last = name;
                if (t.is(name, CALL)) {                     // CAST(x AS varchar(20))
                    int close = t.match[t.next(name)];
                    return close < 0 ? t.size : t.next(close);
                }
                return t.next(name);
            }
            return -1;
        }
        if (keyword == FOR) {
            int what = t.next(i);
            if (t.kind(what) != WORD) {
                return -1;
            }
            last = what;
            return t.next(what);
        }
        int roles = roles(keyword);
        if (t.textIs(i, "asc") || t.textIs(i, "desc")) {
            last = i;
            return t.next(i);
        }
        if (keyword == JOIN || t.textIs(i, "inner") || t.textIs(i, "outer") || t.textIs(i, "cross")
                || t.textIs(i, "natural") || t.textIs(i, "left") || t.textIs(i, "right") || t.textIs(i, "full")
                || t.textIs(i, "straight_join")) {
            int j = i;
            int guard = 0;
            while (!t.isKeyword(j, JOIN) && !t.textIs(j, "straight_join") && guard++ < 3) {
                j = t.next(j);
            }
            if (!t.isKeyword(j, JOIN) && !t.textIs(j, "straight_join")) {
                return -1;
            }
            mode[slot()] = FROM_LIST;
            aliased[slot()] = false;
            return toOperand(j);
        }
        if (keyword == UNION || t.textIs(i, "intersect") || t.textIs(i, "except") || t.textIs(i, "minus")) {
            int n = t.next(i);
            mode[slot()] = EXPR;
            return t.isKeyword(n, ALL) || t.isKeyword(n, DISTINCT) ? toOperand(n) : toOperand(i);
        }
        if (keyword == TOP || (roles & CLAUSE) == 0) {
            return -1;
        }
        if (keyword == WHERE || keyword == HAVING || keyword == ON) {
            mode[slot()] = EXPR;
        }
        return toOperand(i);
    }

    final int alias(int i) {
        int slot = slot();
        if ((mode[slot] == SELECT_LIST || mode[slot] == FROM_LIST) && !aliased[slot]) {
            aliased[slot] = true;
            last = i;
            return t.next(i);
        }
        return -1;
    }

    final int done(int i, boolean word) {
        ruling.operand(word);
        emptyParen = false;
        last = i;
        state = EXPECT_OPERATOR;
        return t.next(i);
    }

    final int open(int i) {
        depth++;
        mode[slot()] = EXPR;
        aliased[slot()] = false;
        emptyParen = true;
        state = EXPECT_OPERAND;
        last = i;
        return t.next(i);
    }

    final int close(int i) {
        depth--;
        emptyParen = false;
        state = EXPECT_OPERATOR;
        last = i;
        ruling.closed(depth);
        return t.next(i);
    }

    final int toOperand(int i) {
        state = EXPECT_OPERAND;
        emptyParen = false;
        last = i;
        return t.next(i);
    }

    final int slot() {
        return depth <= 0 ? 0 : Math.min(depth, LEVELS);
    }
}
