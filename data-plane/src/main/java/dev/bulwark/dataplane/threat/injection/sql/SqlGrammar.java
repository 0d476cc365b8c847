package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlKeywords.*;
import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * Walks the tokens of one context from the injection point (the start of the value, or the quote
 * that closed the application's literal) with a small automaton that knows where an operand, an
 * operator, a clause or a statement may stand. The walk stops at the first token SQL could not
 * accept there: an injection only works while its text is SQL, and prose stops being SQL within a
 * token or two ("it's" leaves {@code 'it' s}, an identifier after a string).
 *
 * <p>While the text is still SQL, the walk records evidence at the points that matter (a logical
 * operator and the predicate after it, a statement after ';', a clause, a function call) and
 * decides with {@link SqlRuling}. Nesting is a counter with a bounded per-level mode table, never
 * recursion, so 100,000 parentheses cost 100,000 steps.
 */
final class SqlGrammar extends SqlWalkState {

    long steps;

    SqlRule walk(SqlTokens tokens, char quote, boolean strict) {
        t = tokens;
        depth = 0;
        emptyParen = false;
        afterDot = false;
        escapes = 0;
        brackets = 0;
        between = false;
        mode[0] = EXPR;
        aliased[0] = false;
        int i;
        if (quote != 0) {
            i = t.next(0);
            last = 0;
            state = EXPECT_OPERATOR;
            ruling.start(t, quote, strict, SqlRuling.LEAD_QUOTE);
            ruling.breakout(i);
        } else {
            i = t.next(-1);
            if (i >= t.size) {
                return null;
            }
            last = -1;
            int lead = SqlStatements.lead(t, i);
            if (lead == SqlRuling.LEAD_OTHER) {
                return null;
            }
            ruling.start(t, quote, strict, lead);
            state = switch (lead) {
                case SqlRuling.LEAD_LOGIC, SqlRuling.LEAD_BINOP, SqlRuling.LEAD_CLOSER, SqlRuling.LEAD_SEMI,
                     SqlRuling.LEAD_COMMA, SqlRuling.LEAD_CLAUSE -> EXPECT_OPERATOR;
                case SqlRuling.LEAD_STATEMENT -> EXPECT_STATEMENT;
                default -> EXPECT_OPERAND;
            };
            if (lead == SqlRuling.LEAD_CLAUSE) {
                ruling.clauseAtStart(i);
            } else if (state == EXPECT_OPERAND) {
                ruling.constantAt(i);
            }
        }
        while (i < t.size && ruling.open()) {
            steps++;
            int next = switch (state) {
                case EXPECT_OPERAND -> operand(i);
                case EXPECT_OPERATOR -> operator(i);
                case EXPECT_STATEMENT -> statement(i);
                default -> loose(i);
            };
            if (next < 0) {
                steps += ruling.predicateSteps();
                return ruling.found();
            }
            i = next;
        }
        steps += ruling.predicateSteps();
        return ruling.open() ? ruling.ended() : ruling.found();
    }

    private int operand(int i) {
        int k = t.kind(i);
        boolean dot = afterDot;
        afterDot = false;
        if (k == NUMBER && t.is(i, BARE_EXPONENT) && t.is(t.next(i), GLUED)) {
            return t.next(i);                               // 1.e( : MySQL reads and drops it
        }
        if (dot) {
            if (k == WORD && t.is(i, CALL)) {
                return call(i);
            }
            if (k == WORD || k == QUOTED_IDENT || t.isOp(i, OP_STAR)) {
                return done(i, false);
            }
            return -1;
        }
        switch (k) {
            case NUMBER, STRING, VARIABLE -> {
                return done(i, false);
            }
            case QUOTED_IDENT -> {
                return done(i, true);
            }
            case LPAREN -> {
                return open(i);
            }
            case RPAREN -> {
                return emptyParen ? close(i) : -1;
            }
            case OPERATOR -> {
                int op = t.detail(i);
                if (op == OP_MINUS || op == OP_PLUS || op == OP_TILDE || op == OP_BANG) {
                    emptyParen = false;
                    last = i;
                    return t.next(i);
                }
                if (op == OP_STAR && (mode[slot()] == SELECT_LIST || emptyParen) || op == OP_QUESTION) {
                    return done(i, false);
                }
                return -1;
            }
            case WORD -> {
                return word(i);
            }
            case OTHER -> {
                if (odbcEscape(t, i)) {
                    escapes++;
                    last = i;
                    return t.next(t.next(i));
                }
                if (t.text.charAt(t.start(i)) == '[' && t.isKeyword(last, ARRAY)) {
                    brackets++;                             // ARRAY[1, 2]
                    last = i;
                    return t.next(i);
                }
                return -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** {@code {if expr}}, {@code {fn expr}}: an ODBC escape, which MySQL parses as the expression inside. */
    static boolean odbcEscape(SqlTokens t, int i) {
        return t.kind(i) == OTHER && t.text.charAt(t.start(i)) == '{' && t.kind(t.next(i)) == WORD;
    }

    private int word(int i) {
        int keyword = t.keyword(i);
        int roles = roles(keyword);
        if (keyword == SELECT) {
            ruling.subquery(i, depth > 0);
            mode[slot()] = SELECT_LIST;
            aliased[slot()] = false;
            emptyParen = false;
            last = i;
            return t.next(i);
        }
        if (t.is(i, CALL)) {
            return call(i);
        }
        if ((roles & LITERAL) != 0) {
            return done(i, false);
        }
        if (keyword == WHEN && t.isKeyword(last, CASE)) {
            ruling.caseWhen();
        }
        if ((roles & (NOT | PREFIX)) != 0 || keyword == TOP && t.isKeyword(last, SELECT)
                || keyword == WHEN && t.isKeyword(last, CASE)) {
            emptyParen = false;
            last = i;
            return t.next(i);
        }
        if ((roles & (LOGIC_OR | LOGIC_AND | CLAUSE | BINARY | CASE_PART | POSTFIX)) != 0) {
            return -1;
        }
        return done(i, true);
    }

    private int call(int i) {
        ruling.call(i);
        last = i;
        return open(t.next(i));
    }

    private int operator(int i) {
        int k = t.kind(i);
        switch (k) {
            case OPERATOR -> {
                return binaryOperator(i, t.detail(i));
            }
            case WORD -> {
                return operatorWord(i);
            }
            case STRING -> {
                return t.kind(last) == STRING ? done(i, false) : alias(i);   // 'a' 'b' concatenates in MySQL
            }
            case QUOTED_IDENT -> {
                return alias(i);
            }
            case NUMBER -> {
                return t.is(i, BARE_EXPONENT) && t.is(t.next(i), GLUED) ? t.next(i) : -1;
            }
            case RPAREN -> {
                return close(i);
            }
            case OTHER -> {
                if (escapes > 0 && t.text.charAt(t.start(i)) == '}') {
                    escapes--;
                    last = i;
                    return t.next(i);
                }
                if (brackets > 0 && t.text.charAt(t.start(i)) == ']') {
                    brackets--;
                    last = i;
                    return t.next(i);
                }
                return -1;
            }
            case COMMA -> {
                aliased[slot()] = false;
                state = EXPECT_OPERAND;
                last = i;
                if (depth <= 0) {
                    ruling.constantAt(t.next(i));
                }
                return t.next(i);
            }
            case SEMICOLON -> {
                ruling.semicolon(i);
                state = EXPECT_STATEMENT;
                last = i;
                return t.next(i);
            }
            case DOT -> {
                int before = t.kind(last);
                if (before == WORD || before == QUOTED_IDENT) {
                    afterDot = true;
                    state = EXPECT_OPERAND;
                    last = i;
                    return t.next(i);
                }
                return -1;
            }
            default -> {
                return -1;
            }
        }
    }

    private int binaryOperator(int i, int op) {
        if (op == OP_TILDE || op == OP_BANG) {
            return -1;
        }
        if (op == OP_AND || op == OP_OR) {
            ruling.logic(i, op == OP_OR);
        } else if (op == OP_CAST) {
            int type = t.next(i);
            if (t.kind(type) != WORD) {
                return -1;
            }
            if (has(t.keyword(type), TYPE)) {
                ruling.sqlSyntax(true);
            }
            last = type;
            if (t.is(type, CALL)) {                         // ::varchar(20)
                int close = t.match[t.next(type)];
                return close < 0 ? t.size : t.next(close);
            }
            return t.next(type);
        } else if (op == OP_JSON && last >= 0) {
            ruling.sqlSyntax(true);
        }
        state = EXPECT_OPERAND;
        last = i;
        return t.next(i);
    }

    private int operatorWord(int i) {
        int keyword = t.keyword(i);
        int roles = roles(keyword);
        if ((roles & (LOGIC_OR | LOGIC_AND)) != 0) {
            if (between && (roles & LOGIC_AND) != 0) {
                between = false;
            } else {
                ruling.logic(i, (roles & LOGIC_OR) != 0);
            }
            return toOperand(i);
        }
        if (keyword == NOT_) {
            int n = t.next(i);
            return has(t.keyword(n), BINARY) ? operatorWord(n) : -1;
        }
        if ((roles & BINARY) != 0) {
            return binaryWord(i, keyword);
        }
        if ((roles & POSTFIX) != 0) {
            ruling.sqlSyntax(false);
            last = i;
            return t.next(i);
        }
        if ((roles & CASE_PART) != 0) {
            if (keyword == END) {
                last = i;
                return t.next(i);
            }
            return toOperand(i);
        }
        if ((roles & CLAUSE) != 0) {
            return clause(i, keyword);
        }
        if ((roles & STATEMENT) != 0 && (roles & (FUNC | TYPE | OBJECT)) == 0) {
            return -1;
        }
        return alias(i);
    }

    private int binaryWord(int i, int keyword) {
        ruling.binaryWord(i, keyword);
        between = keyword == BETWEEN;
        if (keyword == IS) {
            int n = t.next(i);
            if (t.isKeyword(n, NOT_)) {
                n = t.next(n);
            }
            int value = t.keyword(n);
            if (value == NULL || value == TRUE || value == FALSE || value == UNKNOWN) {
                ruling.sqlSyntax(false);
                last = n;
                return t.next(n);
            }
            if (value == DISTINCT) {
                n = t.next(n);                              // IS DISTINCT FROM
                return t.isKeyword(n, FROM) ? toOperand(n) : -1;
            }
            return toOperand(i);
        }
        if (keyword == COLLATE) {
            int name = t.next(i);
            int k = t.kind(name);
            if (k == WORD || k == QUOTED_IDENT || k == STRING) {
                last = name;
                return t.next(name);
            }
            return -1;
        }
        if (keyword == SOUNDS || keyword == SIMILAR || keyword == MEMBER) {
            int n = t.next(i);
            return t.isKeyword(n, LIKE) || t.isKeyword(n, TO) || t.isKeyword(n, OF) ? toOperand(n) : -1;
        }
        return toOperand(i);
    }

    private int statement(int i) {
        int k = t.kind(i);
        if (k == SEMICOLON) {
            last = i;
            return t.next(i);
        }
        if (k == LPAREN) {
            return open(i);
        }
        int keyword = t.keyword(i);
        if (!has(keyword, STATEMENT) || t.is(i, CALL) && has(keyword, FUNC)) {
            return -1;
        }
        ruling.statement(i);
        last = i;
        if (keyword == SELECT) {
            mode[slot()] = SELECT_LIST;
            aliased[slot()] = false;
            state = EXPECT_OPERAND;
            return t.next(i);
        }
        state = INSIDE_STATEMENT;
        return t.next(i);
    }

    /** Inside a statement the automaton does not model (DROP, INSERT ...): wait for the next ';'. */
    private int loose(int i) {
        if (t.kind(i) == SEMICOLON) {
            ruling.semicolon(i);
            state = EXPECT_STATEMENT;
        }
        last = i;
        return t.next(i);
    }
}
