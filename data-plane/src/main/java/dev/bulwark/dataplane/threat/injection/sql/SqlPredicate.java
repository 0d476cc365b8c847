package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * Classifies the predicate that starts at a token: what an attacker put after {@code OR}/{@code AND}
 * (or after a break-out) and what it proves. Literal comparisons are evaluated the way MySQL would
 * (strings compared case-insensitively, a string against a number by its numeric prefix), so
 * {@code 1=1}, {@code 'a'='a'} and {@code 2>1} are known true, {@code 526=527} known false, and
 * {@code x=x} true whatever x holds.
 *
 * <p>Look-ahead is bounded ({@link #BUDGET} tokens; a call or a parenthesised subquery is skipped in
 * one step through the matching-parenthesis table), so scanning at every logical operator of a value
 * stays linear in the value.
 */
final class SqlPredicate {

    /** Not an operand at all. */
    static final int NONE = 0;
    /** A lone identifier or string, or an unknown function: proves nothing. */
    static final int WEAK = 1;
    /** A comparison whose operands are identifiers, or one left incomplete after an identifier. */
    static final int IDENTIFIERS = 2;
    /** A comparison or SQL operator with a literal on one side ({@code name = 'x'}, {@code id IS NULL}). */
    static final int MEDIUM = 3;
    /** A known SQL function, a subquery, a system variable, or a constant comparison of unknown outcome. */
    static final int STRONG = 4;
    /** A constant that is false. */
    static final int FALSE = 5;
    /** A constant that is true: a tautology after OR. */
    static final int TRUE = 6;

    static final int BUDGET = 48;

    // Operand kinds.
    private static final int O_NONE = 0, O_IDENT = 1, O_CALL = 2, O_LITERAL = 3, O_NULL = 4, O_STRONG = 5;

    private SqlTokens t;
    private int budget;
    private int position;
    /** Whether the last scan compared two operands (as opposed to testing a lone value). */
    boolean compared;
    /** Whether the last scan combined literals with arithmetic (1+1=2). */
    boolean folded;
    /** Whether the last scan's outcome came from comparing an identifier with itself (x=x). */
    boolean sameIdentifier;
    long steps;

    // The last operand read.
    private int kind;
    private boolean known;      // a literal whose value is known
    private boolean text;       // a string literal (compared as text when both sides are)
    private double number;
    private int token;          // the token of a lone literal or identifier, else -1

    int scan(SqlTokens tokens, int from) {
        t = tokens;
        budget = BUDGET;
        position = from;
        compared = false;
        folded = false;
        sameIdentifier = false;
        boolean negate = false;
        while ((t.isKeyword(position, SqlKeywords.NOT_) || t.isOp(position, OP_BANG)) && budget-- > 0) {
            negate = !negate;
            position = t.next(position);
        }
        if (!operand()) {
            return NONE;
        }
        int leftKind = kind;
        boolean leftKnown = known;
        boolean leftText = text;
        double leftNumber = number;
        int leftToken = token;
        int op = position;
        if (op >= t.size) {
            return lone(leftKind, leftKnown, leftText, leftNumber, leftToken, negate);
        }
        boolean not = false;
        if (t.isKeyword(op, SqlKeywords.NOT_)) {
            not = true;
            op = t.next(op);
        }
        int keyword = t.keyword(op);
        if (keyword == SqlKeywords.IS) {
            compared = true;
            int x = t.next(op);
            boolean isNot = t.isKeyword(x, SqlKeywords.NOT_);
            if (isNot) {
                x = t.next(x);
            }
            int value = t.keyword(x);
            if (value == SqlKeywords.NULL || value == SqlKeywords.TRUE || value == SqlKeywords.FALSE
                    || value == SqlKeywords.UNKNOWN) {
                if (leftKind == O_LITERAL || leftKind == O_NULL) {
                    boolean result = value == SqlKeywords.NULL || value == SqlKeywords.UNKNOWN ? leftKind == O_NULL
                            : leftKind != O_NULL && leftKnown && (value == SqlKeywords.TRUE) == truthy(leftText, leftNumber, leftToken);
                    if (leftKind == O_LITERAL && !leftKnown && value != SqlKeywords.NULL) {
                        return STRONG;
                    }
                    return constant(result != isNot, negate);
                }
                return leftKind == O_STRONG || leftKind == O_CALL ? STRONG : MEDIUM;
            }
            position = x;
            return compare(leftKind, leftKnown, leftText, leftNumber, leftToken, isNot ? OP_NE : OP_EQ, negate);
        }
        if (SqlKeywords.has(keyword, SqlKeywords.POSTFIX)) {
            compared = true;
            return leftKind == O_LITERAL || leftKind == O_NULL
                    ? constant((leftKind == O_NULL) == t.textIs(op, "isnull"), negate)
                    : leftKind >= O_CALL ? STRONG : MEDIUM;
        }
        if (keyword == SqlKeywords.SOUNDS || keyword == SqlKeywords.SIMILAR || keyword == SqlKeywords.MEMBER) {
            op = t.next(op);
            keyword = SqlKeywords.LIKE;
        }
        int operator;
        boolean wordOperator = false;
        if (t.kind(op) == OPERATOR && isComparison(t.detail(op))) {
            operator = t.detail(op);
        } else if (keyword == SqlKeywords.LIKE || SqlKeywords.has(keyword, SqlKeywords.BINARY)
                && keyword != SqlKeywords.IS && keyword != SqlKeywords.COLLATE) {
            operator = keyword == SqlKeywords.LIKE ? OP_EQ : -1;        // 'a' LIKE 'a' is equality for a plain pattern
            wordOperator = true;
        } else {
            return lone(leftKind, leftKnown, leftText, leftNumber, leftToken, negate);
        }
        compared = true;
        position = t.next(op);
        int result = compare(leftKind, leftKnown, leftText, leftNumber, leftToken, operator, negate);
        if (not && (result == TRUE || result == FALSE)) {
            result = result == TRUE ? FALSE : TRUE;
        }
        return wordOperator && result == IDENTIFIERS ? MEDIUM : result;  // LIKE, IN, REGEXP: SQL's own vocabulary
    }

    private int lone(int k, boolean isKnown, boolean isText, double value, int tok, boolean negate) {
        return switch (k) {
            case O_LITERAL -> isKnown ? constant(truthy(isText, value, tok), negate) : WEAK;
            case O_NULL -> constant(false, negate);
            case O_STRONG -> STRONG;
            default -> WEAK;
        };
    }

    private int compare(int leftKind, boolean leftKnown, boolean leftText, double leftNumber, int leftToken,
                        int operator, boolean negate) {
        while (position < t.size && (t.isKeyword(position, SqlKeywords.ALL) || t.isKeyword(position, SqlKeywords.ANY)
                || t.isKeyword(position, SqlKeywords.SOME))) {
            position = t.next(position);
        }
        if (!operand()) {
            // "x = " and nothing usable after it
            return leftKind == O_STRONG ? STRONG : leftKind == O_LITERAL || leftKind == O_NULL ? MEDIUM : IDENTIFIERS;
        }
        if (leftKind == O_STRONG || kind == O_STRONG) {
            return STRONG;
        }
        boolean leftLiteral = leftKind == O_LITERAL || leftKind == O_NULL;
        boolean rightLiteral = kind == O_LITERAL || kind == O_NULL;
        if (leftLiteral && rightLiteral) {
            if (operator < 0 || !leftKnown && leftKind != O_NULL || !known && kind != O_NULL) {
                return STRONG;                 // constant, outcome unknown (JSON operators, REGEXP ...)
            }
            return constant(evaluate(leftKind == O_NULL, leftText, leftNumber, leftToken, operator), negate);
        }
        if (leftKind == O_IDENT && kind == O_IDENT && leftToken >= 0 && token >= 0 && t.sameText(leftToken, token)
                && operator > 0) {
            boolean equalWins = operator == OP_EQ || operator == OP_DOUBLE_EQ || operator == OP_NULL_SAFE_EQ
                    || operator == OP_LE || operator == OP_GE;
            sameIdentifier = true;
            return constant(equalWins, negate);
        }
        if (leftLiteral || rightLiteral) {
            return MEDIUM;
        }
        return IDENTIFIERS;
    }

    /** Reads one operand (with prefixes, casts and arithmetic) at {@link #position}; false if there is none. */
    private boolean operand() {
        if (!term()) {
            return false;
        }
        while (position < t.size && budget-- > 0) {
            steps++;
            int p = position;
            boolean arithmetic = t.kind(p) == OPERATOR && isArithmetic(t.detail(p))
                    || SqlKeywords.has(t.keyword(p), SqlKeywords.BINARY) && (t.textIs(p, "div") || t.textIs(p, "mod"));
            if (!arithmetic) {
                return true;
            }
            int leftKind = kind;
            boolean leftKnown = known;
            double leftNumber = number;
            boolean leftText = text;
            int operator = t.kind(p) == OPERATOR ? t.detail(p) : OP_PERCENT;
            folded = true;
            position = t.next(p);
            if (!term()) {
                return true;                   // "1 +" at the end: keep the left side
            }
            int combined = leftKind == O_STRONG || kind == O_STRONG ? O_STRONG
                    : leftKind == O_IDENT || leftKind == O_CALL || kind == O_IDENT || kind == O_CALL ? O_IDENT : O_LITERAL;
            if (leftKind == O_LITERAL && kind == O_LITERAL && leftKnown && known && !leftText && !text) {
                number = arithmetic(leftNumber, number, operator);
                known = !Double.isNaN(number);
            } else {
                known = false;
            }
            text = false;
            kind = combined;
            token = -1;
        }
        return true;
    }

    private boolean term() {
        boolean minus = false;
        boolean bang = false;
        boolean tilde = false;
        int opens = 0;
        while (position < t.size && budget-- > 0) {
            steps++;
            int p = position;
            if (t.kind(p) == LPAREN) {
                int next = t.next(p);
                if (t.isKeyword(next, SqlKeywords.SELECT)) {
                    position = after(p);
                    set(O_STRONG, false, false, 0, -1);
                    return true;
                }
                opens++;
                position = next;
            } else if (SqlGrammar.odbcEscape(t, p)) {
                position = t.next(t.next(p));
            } else if (t.isOp(p, OP_MINUS) || t.isOp(p, OP_PLUS) || t.isOp(p, OP_TILDE) || t.isOp(p, OP_BANG)
                    || t.isKeyword(p, SqlKeywords.NOT_) || SqlKeywords.has(t.keyword(p), SqlKeywords.PREFIX) && !t.is(p, CALL)
                    && t.keyword(p) != SqlKeywords.CASE) {
                minus ^= t.isOp(p, OP_MINUS);
                bang ^= t.isOp(p, OP_BANG) || t.isKeyword(p, SqlKeywords.NOT_);
                tilde ^= t.isOp(p, OP_TILDE);
                position = t.next(p);
            } else {
                break;
            }
        }
        if (position >= t.size || budget <= 0) {
            return false;
        }
        int p = position;
        int k = t.kind(p);
        if (k == OTHER && t.text.charAt(t.start(p)) == '[' && t.isKeyword(t.previous(p), SqlKeywords.ARRAY)) {
            int close = p;
            while (close < t.size && budget-- > 0 && !(t.kind(close) == OTHER && t.text.charAt(t.start(close)) == ']')) {
                close = t.next(close);
            }
            position = t.next(close);
            set(O_LITERAL, false, false, 0, -1);        // ARRAY[..]: a constant of unknown value
            return finishTerm(minus, bang, tilde, opens);
        }
        int keyword = t.keyword(p);
        if (k == NUMBER) {
            set(O_LITERAL, true, false, SqlNumbers.parse(t, p), p);
        } else if (k == STRING) {
            set(O_LITERAL, true, true, 0, p);
        } else if (keyword == SqlKeywords.NULL) {
            set(O_NULL, true, false, 0, p);
        } else if (keyword == SqlKeywords.TRUE || keyword == SqlKeywords.FALSE) {
            set(O_LITERAL, true, false, keyword == SqlKeywords.TRUE ? 1 : 0, p);
        } else if (k == WORD && t.is(p, CALL)) {
            boolean known = SqlKeywords.has(keyword, SqlKeywords.FUNC | SqlKeywords.FUNC_PROBE | SqlKeywords.FUNC_TIME);
            position = after(t.next(p));
            set(known ? O_STRONG : O_CALL, false, false, 0, -1);
            return finishTerm(minus, bang, tilde, opens);
        } else if (keyword == SqlKeywords.CASE || k == VARIABLE && t.is(p, SYSTEM)) {
            set(O_STRONG, false, false, 0, -1);
        } else if (k == WORD && (SqlKeywords.roles(keyword) & ~(SqlKeywords.FUNC | SqlKeywords.FUNC_PROBE
                | SqlKeywords.FUNC_TIME | SqlKeywords.TYPE | SqlKeywords.OBJECT | SqlKeywords.CATALOG
                | SqlKeywords.SYSVAR | SqlKeywords.LITERAL)) == 0
                || k == QUOTED_IDENT || k == VARIABLE || t.isOp(p, OP_QUESTION)) {
            boolean catalog = SqlKeywords.has(keyword, SqlKeywords.CATALOG);
            set(catalog ? O_STRONG : O_IDENT, false, false, 0, p);
            while (t.kind(t.next(position)) == DOT && budget-- > 0) {     // qualified name
                int name = t.next(t.next(position));
                if (name >= t.size) {
                    break;
                }
                position = name;
                token = -1;
                if (t.is(name, CALL)) {
                    position = after(t.next(name));
                    kind = O_CALL;
                    return finishTerm(minus, bang, tilde, opens);
                }
            }
        } else {
            return false;
        }
        position = t.next(position);
        return finishTerm(minus, bang, tilde, opens);
    }

    private boolean finishTerm(boolean minus, boolean bang, boolean tilde, int opens) {
        if (t.isOp(position, OP_CAST)) {             // '...'::jsonb keeps the operand's kind
            position = t.next(t.next(position));
        }
        if (minus && known && !text) {
            number = -number;
        }
        if (tilde && known) {
            number = ~(long) (text ? SqlNumbers.prefix(t, token) : number);
            text = false;
        }
        if (bang && known) {
            number = truthy(text, number, token) ? 0 : 1;
            text = false;
        }
        while (opens > 0 && t.kind(position) == RPAREN) {
            opens--;
            position = t.next(position);
        }
        return true;
    }

    private void set(int k, boolean isKnown, boolean isText, double value, int tok) {
        kind = k;
        known = isKnown;
        text = isText;
        number = value;
        token = tok;
    }

    /** The token after the parenthesis group opening at {@code open}, or the end when it is unclosed. */
    private int after(int open) {
        int close = open < t.size ? t.match[open] : -1;
        return close < 0 ? t.size : t.next(close);
    }

    private boolean evaluate(boolean leftNull, boolean leftText, double leftNumber, int leftToken, int operator) {
        boolean rightNull = kind == O_NULL;
        if (leftNull || rightNull) {
            return operator == OP_NULL_SAFE_EQ && leftNull && rightNull;
        }
        int order;
        if (leftText && text) {
            order = SqlNumbers.compareText(t, leftToken, token);
        } else {
            double a = leftText ? SqlNumbers.prefix(t, leftToken) : leftNumber;
            double b = text ? SqlNumbers.prefix(t, token) : number;
            order = Double.compare(a, b);
        }
        return switch (operator) {
            case OP_EQ, OP_DOUBLE_EQ, OP_NULL_SAFE_EQ -> order == 0;
            case OP_NE -> order != 0;
            case OP_LT -> order < 0;
            case OP_GT -> order > 0;
            case OP_LE -> order <= 0;
            case OP_GE -> order >= 0;
            default -> false;
        };
    }

    private boolean truthy(boolean isText, double value, int tok) {
        return isText ? SqlNumbers.prefix(t, tok) != 0 : value != 0;
    }

    private int constant(boolean value, boolean negate) {
        return value != negate ? TRUE : FALSE;
    }

    private static double arithmetic(double a, double b, int operator) {
        return switch (operator) {
            case OP_PLUS -> a + b;
            case OP_MINUS -> a - b;
            case OP_STAR -> a * b;
            case OP_SLASH -> b == 0 ? Double.NaN : a / b;
            case OP_PERCENT -> b == 0 ? Double.NaN : a % b;
            default -> Double.NaN;
        };
    }

    static boolean isComparison(int op) {
        return op >= OP_EQ && op <= OP_DOUBLE_EQ || op == OP_REGEX || op == OP_JSON || op == OP_ARROW;
    }

    static boolean isArithmetic(int op) {
        return op >= OP_PLUS && op <= OP_SHIFT && op != OP_TILDE && op != OP_BANG;
    }
}
