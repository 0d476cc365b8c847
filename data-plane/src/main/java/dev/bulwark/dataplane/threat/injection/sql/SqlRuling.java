package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlKeywords.*;
import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * The evidence {@link SqlGrammar} gathers on one walk, and what it amounts to. Each finding carries
 * what it still needs: nothing ({@code NOW}: the SQL read so far is enough), the rest of the value to
 * be valid SQL too ({@code FULL}), or, in a quoted context, to end the way a working injection ends
 * — inside a literal the application's closing quote completes, or in a comment that swallows it
 * ({@code TERMINATED}). Findings that only {@code strict} reports need {@code NEVER} otherwise.
 *
 * <p>How strong the context is depends on where the value starts: a break-out from a literal, or, in
 * the bare context, a number, a closing parenthesis or an operator (the shapes of a value spliced into
 * a numeric expression) weigh more than a leading word, which is how prose begins.
 */
final class SqlRuling {

    static final int LEAD_QUOTE = 0, LEAD_LITERAL = 1, LEAD_CLOSER = 2, LEAD_LOGIC = 3, LEAD_BINOP = 4,
        LEAD_SEMI = 5, LEAD_COMMA = 6, LEAD_STATEMENT = 7, LEAD_CLAUSE = 8, LEAD_CALL = 9, LEAD_PAREN = 10,
        LEAD_WORD = 11, LEAD_OTHER = 12;

    private static final int NOW = 0, FULL = 1, TERMINATED = 2, NEVER = 3;

    private final SqlPredicate predicate = new SqlPredicate();
    private SqlTokens t;
    private char quote;
    private boolean strict;
    private int lead;
    private int leadKeyword;
    private boolean statementPending;
    private SqlRule found;
    private SqlRule full;
    private SqlRule terminated;
    private SqlRule fallback;           // strict's bare break-out: reported only when nothing more specific is
    private int operands;
    private int words;
    private int minDepth;
    private boolean castSyntax;         // '..'::jsonb, ->>, @> : SQL on its face, whatever starts the value
    private boolean keywordSyntax;      // IS NULL, IN (1,2), LIKE 'x', CASE WHEN: SQL unless the value reads as prose
    private boolean elision;            // the break-out is a one-letter elision: l'union, d'or
    private boolean backtick;           // identifier quotes, and markdown's code spans: only strong evidence counts
    private boolean startBreakout;      // the value's first character closed the literal
    private boolean spacedBreakout;     // the closing quote follows a space: an opening quote in prose

    void start(SqlTokens tokens, char q, boolean strictMode, int leadKind) {
        t = tokens;
        quote = q;
        strict = strictMode;
        lead = leadKind;
        found = null;
        full = null;
        terminated = null;
        fallback = null;
        operands = 0;
        words = 0;
        minDepth = 0;
        castSyntax = false;
        keywordSyntax = false;
        elision = false;
        predicate.steps = 0;
        int first = t.next(-1);
        leadKeyword = q == 0 ? t.keyword(first) : -1;
        statementPending = leadKind == LEAD_STATEMENT;
        backtick = q == '`';
        if (q != 0) {
            int close = t.end[0] - 1;
            startBreakout = close == t.start[0];
            spacedBreakout = close > t.start[0] && SqlTokenizer.isSpace(t.text.charAt(close - 1));
            elision = close - t.start[0] == 1 && Character.isLetter(t.text.charAt(close - 1))
                    || close - t.start[0] >= 2 && Character.isLetter(t.text.charAt(close - 1))
                    && SqlTokenizer.isSpace(t.text.charAt(close - 2));
            elision &= close + 1 < t.text.length() && Character.isLetter(t.text.charAt(close + 1));
        }
    }

    /** The first token after a break-out: {@code 'x'='x} and, when strict, any SQL right after the quote. */
    void breakout(int i) {
        int cls = predicate.scan(t, 0);
        if (cls == SqlPredicate.TRUE && predicate.compared) {
            report(SqlRule.TAUTOLOGY, TERMINATED);
        }
        if (startBreakout && !backtick && i < t.size && injectedStatement(t.keyword(i)) && !anotherQuote()) {
            report(t.keyword(i) == UNION ? SqlRule.UNION_SELECT : SqlRule.STATEMENT, NOW);
            return;                                             // 'select x, " union ..: the value opens by leaving the literal
        }
        if (!strict || backtick || i >= t.size || spacedBreakout && !startBreakout || elision) {
            return;
        }
        if (startBreakout && anotherQuote()) {
            return;                                             // 'Union Station', "Where the Wild Things Are"
        }
        int k = t.kind(i);
        int roles = roles(t.keyword(i));
        boolean quotedWord = t.kind(i + 1) == STRING && t.is(i + 1, GLUED);
        boolean sql = k == OPERATOR && (SqlPredicate.isComparison(t.detail(i)) || t.isOp(i, OP_AND) || t.isOp(i, OP_OR))
                || k == SEMICOLON || k == RPAREN
                || (roles & (LOGIC_OR | LOGIC_AND | STATEMENT | CLAUSE | BINARY)) != 0 && !quotedWord;
        if (sql) {
            fallback = SqlRule.BREAKOUT;
        }
    }

    /** A constant comparison where a predicate may start in the bare context: {@code 1=1}, {@code b,1=1}. */
    void constantAt(int i) {
        if (found == null && predicate.scan(t, i) == SqlPredicate.TRUE && predicate.compared && !predicate.folded
                && !predicate.sameIdentifier) {
            report(SqlRule.TAUTOLOGY, FULL);
        }
    }

    void logic(int i, boolean or) {
        int p = t.next(i);
        if (quote != 0 && spacedBreakout && t.previous(i) == 0 && t.is(i, GLUED) && t.kind(p) == STRING && t.is(p, GLUED)) {
            return;                                             // the word 'or' in quotes
        }
        int cls = predicate.scan(t, p);
        boolean compared = predicate.compared;
        boolean strong = quote != 0 || lead != LEAD_WORD;
        if (or && cls == SqlPredicate.TRUE) {
            if (compared) {
                report(SqlRule.TAUTOLOGY, NOW);
            } else if (quote != 0) {
                report(SqlRule.TAUTOLOGY, startBreakout ? NOW : TERMINATED);
            } else {
                report(SqlRule.TAUTOLOGY, t.kind(p) == NUMBER || t.kind(p) == STRING ? strictly(FULL) : FULL);
            }
            return;
        }
        if (cls == SqlPredicate.STRONG || compared && (cls == SqlPredicate.TRUE || cls == SqlPredicate.FALSE)) {
            report(SqlRule.BOOLEAN_BLIND, strong ? NOW : FULL);
        } else if (backtick) {
            return;
        } else if (cls == SqlPredicate.MEDIUM) {
            report(SqlRule.BOOLEAN_BLIND, strong ? NOW : strictly(FULL));
        } else if (cls == SqlPredicate.IDENTIFIERS) {
            report(SqlRule.BOOLEAN_BLIND, quote != 0 ? (startBreakout ? NOW : TERMINATED)
                    : lead == LEAD_LOGIC ? NOW : strictly(FULL));
        } else if (cls != SqlPredicate.NONE && quote != 0) {
            boolean quotedWord = t.kind(p) == STRING && t.is(p, GLUED);
            report(SqlRule.BOOLEAN_BLIND, startBreakout && !quotedWord ? NOW : elision ? NEVER : strictly(TERMINATED));
        }
    }

    void call(int i) {
        int roles = roles(t.keyword(i));
        int firstArgument = t.next(t.next(i));
        if ((roles & FUNC_TIME) != 0 && firstArgument < t.size && t.kind(firstArgument) != RPAREN) {
            report(SqlRule.TIME_BASED, NOW);
        } else if ((roles & (FUNC_PROBE | CATALOG)) != 0) {
            report(SqlRule.FUNCTION_PROBE, lead == LEAD_WORD ? FULL : NOW);
        } else if ((roles & (FUNC | FUNC_TIME | LITERAL)) != 0 && operands == 0) {
            int open = t.next(i);
            boolean codeLike = t.is(open, GLUED) || t.match[open] < 0;    // round(  / "Date (optional)" is prose
            report(SqlRule.FUNCTION_PROBE, !codeLike ? strictly(FULL) : quote == 0 ? FULL : TERMINATED);
        }
        operands++;
    }

    void operand(boolean word) {
        operands++;
        if (word) {
            words++;
        }
    }

    void closed(int depth) {
        minDepth = Math.min(minDepth, depth);
    }

    /** {@code CASE WHEN}: a searched CASE expression. */
    void caseWhen() {
        keywordSyntax = true;
    }

    /** SQL-only syntax: {@code cast} for {@code ::type} and JSON operators, else IS NULL, IN (1), LIKE 'x' ... */
    void sqlSyntax(boolean cast) {
        if (cast) {
            castSyntax = true;
        } else {
            keywordSyntax = true;
        }
    }

    void binaryWord(int i, int keyword) {
        if (lead == LEAD_CLOSER && operands == 0 && !t.textIs(i, "div") && !t.textIs(i, "mod")) {
            report(SqlRule.OPERATOR_INJECTION, NOW);              // ") like (": closes the application's parenthesis
        }
        if (keyword != BETWEEN && !t.textIs(i, "div") && !t.textIs(i, "mod") && !t.textIs(i, "placing")
                && !t.textIs(i, "match") && !t.textIs(i, "against") && literalAhead(t.next(i))) {
            keywordSyntax = true;
        }
    }

    void clause(int i, int keyword, int depth) {
        int before = t.previous(i);
        int k = t.kind(before);
        boolean strongBefore = k == NUMBER || k == STRING || k == RPAREN || k == QUOTED_IDENT;
        if (lead == LEAD_CLAUSE && leadKeyword == FROM && depth <= 0 && i != t.next(-1)
                && (keyword == WHERE || keyword == GROUP || keyword == ORDER || keyword == LIMIT || keyword == JOIN
                || keyword == UNION || keyword == HAVING)) {
            report(SqlRule.STATEMENT, FULL);
        }
        if (keyword == GROUP || keyword == ORDER) {
            int target = t.next(t.next(i));
            boolean strongTarget = t.kind(target) == NUMBER || t.kind(target) == LPAREN || t.is(target, CALL);
            if (strongTarget) {
                report(SqlRule.CLAUSE_INJECTION, quote != 0 || strongBefore ? NOW : FULL);
            } else if (target < t.size) {
                report(SqlRule.CLAUSE_INJECTION, quote != 0 ? TERMINATED : strictly(FULL));
            }
        } else if (keyword == HAVING || keyword == WHERE) {
            int cls = predicate.scan(t, t.next(i));
            boolean evident = cls == SqlPredicate.STRONG || predicate.compared && cls >= SqlPredicate.MEDIUM;
            if (evident && keyword == HAVING) {
                report(SqlRule.CLAUSE_INJECTION, quote != 0 || strongBefore ? NOW : FULL);
            } else if (evident || cls >= SqlPredicate.IDENTIFIERS) {
                report(SqlRule.CLAUSE_INJECTION, quote != 0 ? TERMINATED : strictly(FULL));
            }
        } else if (keyword == AS) {
            if (t.isKeyword(t.next(t.next(i)), FROM)) {
                report(SqlRule.CLAUSE_INJECTION, strongBefore || before == 0 && quote != 0 ? NOW : strictly(FULL));
            }
        } else if (keyword == LIMIT && t.kind(t.next(i)) == NUMBER) {
            report(SqlRule.CLAUSE_INJECTION, quote != 0 ? TERMINATED : strictly(FULL));
        }
    }

    /** A clause keyword opening the bare value: {@code FROM (SELECT}, {@code HAVING COUNT(x) > 5}, {@code ORDER BY 1}. */
    void clauseAtStart(int i) {
        int a = t.next(i);
        if (leadKeyword == FROM && t.kind(a) == LPAREN && t.isKeyword(t.next(a), SELECT)) {
            report(SqlRule.STATEMENT, NOW);
        }
    }

    void semicolon(int i) {
        int s = t.next(i);
        boolean injectionPoint = words == 0;
        boolean breakoutShape = quote == 0 || (startBreakout || !spacedBreakout) && !(backtick && startBreakout);
        if (s >= t.size) {
            if (quote != 0 && injectionPoint && breakoutShape) {
                report(SqlRule.STACKED_QUERY, NOW);                // admin'; : ends the application's statement
            }
            return;
        }
        int keyword = t.keyword(s);
        if (!has(keyword, STATEMENT) || t.is(s, CALL) && has(keyword, FUNC)) {
            return;
        }
        int strength = SqlStatements.opening(t, s);
        if (injectionPoint && breakoutShape || strength == SqlStatements.STRONG) {
            report(SqlRule.STACKED_QUERY, NOW);
        } else if (strength == SqlStatements.PLAUSIBLE) {
            report(SqlRule.STACKED_QUERY, strict ? NOW : FULL);
        }
    }

    /** The statement keyword a bare value starts with. */
    void statement(int i) {
        if (!statementPending) {
            return;
        }
        statementPending = false;
        int strength = SqlStatements.opening(t, i);
        report(SqlRule.STATEMENT, strength == SqlStatements.STRONG ? NOW
                : strength == SqlStatements.PLAUSIBLE ? (strict ? NOW : FULL) : NEVER);
    }

    /** A SELECT where an operand stands: a subquery. */
    void subquery(int i, boolean nested) {
        if (!nested) {
            return;
        }
        int strength = SqlStatements.select(t, i);
        int before = t.previous(t.previous(i));                  // what the '(' opening the subquery follows
        boolean operandOf = before >= 0 && (t.kind(before) == OPERATOR || t.kind(before) == COMMA
                || t.kind(before) == LPAREN || t.is(before, CALL) || roles(t.keyword(before)) != 0);
        if (strength == SqlStatements.STRONG) {
            report(SqlRule.STATEMENT, quote != 0 || lead != LEAD_WORD ? NOW : FULL);
        } else if (strength == SqlStatements.PLAUSIBLE && operandOf) {
            report(SqlRule.STATEMENT, lead != LEAD_WORD ? FULL : strictly(FULL));
        } else if (t.next(i) >= t.size) {
            report(SqlRule.STATEMENT, lead != LEAD_WORD ? FULL : strictly(FULL));   // a value cut after "(SELECT"
        }
    }

    boolean open() {
        return found == null;
    }

    /** The finding of a walk that stopped early (at a token SQL could not accept there, or at a finding). */
    SqlRule found() {
        return found != null ? found : fallback;
    }

    long predicateSteps() {
        return predicate.steps;
    }

    /** The walk reached the end of the value with every token accepted. */
    SqlRule ended() {
        if (full != null) {
            return full;
        }
        boolean comment = terminalComment();
        boolean breakoutShape = backtick ? !startBreakout && !spacedBreakout : startBreakout || !spacedBreakout;
        if (comment && (quote != 0 && breakoutShape || quote == 0 && minDepth < 0)) {
            return SqlRule.COMMENT_TRUNCATION;
        }
        if (terminated != null && (quote == 0 || comment || closedByApplication())) {
            return terminated;
        }
        if (quote == 0 && (castSyntax || keywordSyntax && lead != LEAD_WORD)) {
            return SqlRule.OPERATOR_INJECTION;
        }
        if (quote == 0 && t.size == 1 && (t.kind(0) == OPERATOR && lead != LEAD_OTHER && (strict || t.end[0] - t.start[0] >= 2)
                || t.textIs(0, "regexp") || t.textIs(0, "rlike"))) {
            return SqlRule.OPERATOR_INJECTION;                 // a lone SQL operator: "!=", "||", "regexp"
        }
        return fallback;
    }

    /**
     * Keywords that, right after a quote opening the value with no other quote of its kind to close it,
     * can only be the application's literal being left for a new statement or a set operation. Prose
     * quoting a word ('Union Station', 'select all') closes its quote; an apostrophe (users' update)
     * never opens a value.
     */
    private static boolean injectedStatement(int keyword) {
        return keyword >= 0 && (keyword == UNION || keyword == SELECT || keyword == INSERT || keyword == UPDATE
                || keyword == DELETE || keyword == DROP || keyword == CREATE || keyword == ALTER || keyword == TRUNCATE
                || keyword == EXEC || keyword == EXECUTE || keyword == DECLARE || keyword == WAITFOR || keyword == SHUTDOWN);
    }

    private boolean terminalComment() {
        int last = t.size - 1;
        return last > 0 && t.kind(last) == COMMENT && (t.is(last, LINE) || t.is(last, UNTERMINATED));
    }

    private boolean anotherQuote() {
        for (int c = t.end[0]; c < t.text.length(); c++) {
            if (SqlTokenizer.quoteClass(t.text.charAt(c)) == quote) {
                return true;
            }
        }
        return false;
    }

    private boolean closedByApplication() {
        int last = t.size - 1;
        return last > 0 && t.kind(last) == STRING && t.is(last, UNTERMINATED) && t.detail(last) == quote;
    }

    private boolean literalAhead(int j) {
        if (t.isKeyword(j, NOT_)) {
            j = t.next(j);
        }
        if (t.kind(j) == LPAREN) {
            j = t.next(j);
            if (t.isKeyword(j, SELECT)) {
                return true;
            }
        }
        int k = t.kind(j);
        int keyword = t.keyword(j);
        return k == NUMBER || k == STRING || keyword == NULL || keyword == TRUE || keyword == FALSE;
    }

    private void report(SqlRule rule, int need) {
        switch (need) {
            case NOW -> {
                if (found == null) {
                    found = rule;
                }
            }
            case FULL -> {
                if (full == null) {
                    full = rule;
                }
            }
            case TERMINATED -> {
                if (terminated == null) {
                    terminated = rule;
                }
            }
            default -> { }
        }
    }

    private int strictly(int need) {
        return strict ? need : NEVER;
    }
}
