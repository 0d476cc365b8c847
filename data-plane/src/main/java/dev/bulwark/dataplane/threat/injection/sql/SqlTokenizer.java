package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/**
 * A single-pass SQL lexer over a {@link CharSequence}, producing compact tokens into a reused
 * {@link SqlTokens}: every character is consumed by exactly one scanning loop, nothing is allocated
 * per character or per token, and nothing backtracks.
 *
 * <p>It reads the union of the dialects an attacker may target: strings in single and double quotes
 * with doubled-quote escapes and the {@code N'', E'', X'', B'', U&'', _charset''} and PostgreSQL
 * dollar-quoted forms; backtick identifiers; numbers (hex, binary, decimals, {@code .5}, exponents, and
 * MySQL's bare {@code 1.e}); {@code @var}, {@code @@var}, {@code $1}; multi-character operators
 * ({@code || && <=> :: := -> ->> #> @> <@ ?| !~}); {@code --}, {@code #} and block comments, where
 * MySQL's {@code /*!50000 ... *}{@code /} is code, not a comment. Typographic quotes (’ ” and their
 * full-width forms) count as the ASCII ones, since best-fit conversions to a database's code page turn
 * them into quotes.
 *
 * <p>{@code tokenize(value, quote)} reads the value as the input of a SQL statement would be read:
 * bare ({@code quote == 0}, a numeric or identifier context) or inside a literal the application
 * opened with {@code quote}. In a quoted context the first token is that literal, up to the first
 * quote that closes it; if none does, the value never leaves the literal and that is the only token.
 */
public final class SqlTokenizer {

    private final SqlTokens tokens = new SqlTokens();
    private long steps;

    /** Characters and tokens visited since the last reset: the linear-time tests bound it. */
    long steps() {
        return steps;
    }

    void resetSteps() {
        steps = 0;
    }

    /** Tokenises {@code value}; the returned buffer is reused by the next call. */
    public SqlTokens tokenize(CharSequence value, char quote) {
        return tokenize(value, 0, quote);
    }

    /** Tokenises {@code value} from offset {@code from}; offsets in the tokens stay relative to the whole value. */
    public SqlTokens tokenize(CharSequence value, int from, char quote) {
        return tokenize(value, from, value.length(), quote);
    }

    /** Tokenises {@code value[from, to)}, a part standing for a whole value (a nested parameter). */
    public SqlTokens tokenize(CharSequence value, int from, int to, char quote) {
        SqlTokens t = tokens;
        t.reset(value);
        int n = to;
        int i = from;
        if (quote != 0) {
            int close = closingQuote(value, from, n, quote);
            if (close < 0) {
                t.add(STRING, from, n, quote, INJECTED | UNTERMINATED);
                return t;
            }
            t.add(STRING, from, close + 1, quote, INJECTED);
            i = close + 1;
        }
        boolean versioned = false;
        boolean glued = true;
        while (i < n) {
            steps++;
            char c = value.charAt(i);
            if (isSpace(c)) {
                i++;
                glued = false;
                continue;
            }
            int before = t.size;
            char q = quoteClass(c);
            if (q == '\'' || q == '"') {
                i = string(value, i, i, n, q);
            } else if (q == '`') {
                int close = closingQuote(value, i + 1, n, '`');
                int stop = close < 0 ? n : close + 1;
                t.add(QUOTED_IDENT, i, stop, '`', close < 0 ? UNTERMINATED : 0);
                i = stop;
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(value.charAt(i + 1))) {
                i = number(value, i, n);
            } else if (Character.isLetter(c) || c == '_') {
                i = word(value, i, n);
            } else if (c == '*' && versioned && i + 1 < n && value.charAt(i + 1) == '/') {
                t.add(COMMENT, i, i + 2, 0, 0);
                versioned = false;
                i += 2;
            } else if (c == '/' && i + 1 < n && value.charAt(i + 1) == '*') {
                if (i + 2 < n && value.charAt(i + 2) == '!') {
                    int j = i + 3;
                    while (j < n && j < i + 9 && isDigit(value.charAt(j))) {
                        j++;
                    }
                    t.add(COMMENT, i, j, 0, VERSIONED);
                    versioned = true;
                    i = j;
                } else {
                    i = blockComment(value, i, n);
                }
            } else if (c == '-' && i + 1 < n && value.charAt(i + 1) == '-' || c == '#' && !peek(value, i + 1, n, '>')) {
                int j = i + 1;
                while (j < n && value.charAt(j) != '\n' && value.charAt(j) != '\r') {
                    j++;
                    steps++;
                }
                t.add(COMMENT, i, j, 0, LINE);
                i = j;
            } else {
                i = punctuation(value, i, n);
            }
            if (t.size > before) {
                if (glued && before > 0) {
                    t.flags[before] |= GLUED;
                }
                glued = t.kind[t.size - 1] != COMMENT;
            }
        }
        t.finish();
        steps += t.size;
        return t;
    }

    /** The index of the quote closing a literal whose content starts at {@code from}, or -1. */
    private int closingQuote(CharSequence s, int from, int n, char quote) {
        int i = from;
        while (i < n) {
            steps++;
            if (quoteClass(s.charAt(i)) == quote) {
                if (i + 1 < n && quoteClass(s.charAt(i + 1)) == quote) {
                    i += 2;         // a doubled quote stands for one quote
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    private int string(CharSequence s, int tokenStart, int quoteAt, int n, char quote) {
        int close = closingQuote(s, quoteAt + 1, n, quote);
        int stop = close < 0 ? n : close + 1;
        tokens.add(STRING, tokenStart, stop, quote, close < 0 ? UNTERMINATED : 0);
        return stop;
    }

    private int blockComment(CharSequence s, int i, int n) {
        int j = i + 2;
        while (j + 1 < n && !(s.charAt(j) == '*' && s.charAt(j + 1) == '/')) {
            j++;
            steps++;
        }
        if (j + 1 < n) {
            tokens.add(COMMENT, i, j + 2, 0, 0);
            return j + 2;
        }
        tokens.add(COMMENT, i, n, 0, UNTERMINATED);
        return n;
    }

    private int number(CharSequence s, int i, int n) {
        int j = i;
        int flags = 0;
        char c = s.charAt(i);
        char x = i + 1 < n ? (char) (s.charAt(i + 1) | 0x20) : 0;
        if (c == '0' && x == 'x' && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            j = i + 2;
            while (j < n && Character.digit(s.charAt(j), 16) >= 0) {
                j++;
            }
        } else if (c == '0' && x == 'b' && i + 2 < n && (s.charAt(i + 2) == '0' || s.charAt(i + 2) == '1')) {
            j = i + 2;
            while (j < n && (s.charAt(j) == '0' || s.charAt(j) == '1')) {
                j++;
            }
        } else {
            j = digits(s, j, n);
            boolean dot = false;
            if (j < n && s.charAt(j) == '.') {
                dot = true;
                j = digits(s, j + 1, n);
            }
            if (j < n && (s.charAt(j) | 0x20) == 'e') {
                int k = j + 1;
                if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                    k++;
                }
                if (k < n && isDigit(s.charAt(k))) {
                    j = digits(s, k, n);
                } else if (dot) {
                    j++;
                    flags = BARE_EXPONENT;
                }
            }
        }
        steps += j - i;
        tokens.add(NUMBER, i, j, 0, flags);
        return j;
    }

    private static int digits(CharSequence s, int j, int n) {
        while (j < n && isDigit(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private int word(CharSequence s, int i, int n) {
        int j = i + 1;
        while (j < n && isWordPart(s.charAt(j))) {
            j++;
        }
        steps += j - i;
        if (j < n) {
            char next = quoteClass(s.charAt(j));
            boolean prefix = (next == '\'' || next == '"') && isStringPrefix(s, i, j);
            if (!prefix && j - i == 1 && (s.charAt(i) | 0x20) == 'u' && s.charAt(j) == '&' && j + 1 < n) {
                char after = quoteClass(s.charAt(j + 1));
                if (after == '\'' || after == '"') {
                    return string(s, i, j + 1, n, after);       // U&'...' / U&"..."
                }
            }
            if (prefix) {
                return string(s, i, j, n, next);                // N'...', X'...', _utf8'...'
            }
        }
        tokens.add(WORD, i, j, SqlKeywords.lookup(s, i, j), 0);
        return j;
    }

    private static boolean isStringPrefix(CharSequence s, int from, int to) {
        if (s.charAt(from) == '_') {
            return to - from > 1;
        }
        if (to - from != 1) {
            return false;
        }
        char c = (char) (s.charAt(from) | 0x20);
        return c == 'n' || c == 'e' || c == 'x' || c == 'b';
    }

    private int punctuation(CharSequence s, int i, int n) {
        char c = s.charAt(i);
        char d = i + 1 < n ? s.charAt(i + 1) : 0;
        char e = i + 2 < n ? s.charAt(i + 2) : 0;
        switch (c) {
            case '(' -> { return single(LPAREN, i); }
            case ')' -> { return single(RPAREN, i); }
            case ',' -> { return single(COMMA, i); }
            case ';' -> { return single(SEMICOLON, i); }
            case '.' -> { return single(DOT, i); }
            case '$' -> { return dollar(s, i, n); }
            case '@' -> { return at(s, i, n); }
            case '=' -> { return d == '=' ? op(OP_DOUBLE_EQ, i, 2) : op(OP_EQ, i, 1); }
            case '<' -> {
                if (d == '=' && e == '>') {
                    return op(OP_NULL_SAFE_EQ, i, 3);
                }
                return switch (d) {
                    case '=' -> op(OP_LE, i, 2);
                    case '>' -> op(OP_NE, i, 2);
                    case '<' -> op(OP_SHIFT, i, 2);
                    case '@' -> op(OP_JSON, i, 2);
                    default -> op(OP_LT, i, 1);
                };
            }
            case '>' -> { return d == '=' ? op(OP_GE, i, 2) : d == '>' ? op(OP_SHIFT, i, 2) : op(OP_GT, i, 1); }
            case '!' -> {
                return switch (d) {
                    case '=' -> op(OP_NE, i, 2);
                    case '~' -> op(OP_REGEX, i, e == '*' ? 3 : 2);
                    case '<' -> op(OP_GE, i, 2);
                    case '>' -> op(OP_LE, i, 2);
                    default -> op(OP_BANG, i, 1);
                };
            }
            case '|' -> { return d == '|' ? op(OP_OR, i, 2) : op(OP_PIPE, i, 1); }
            case '&' -> { return d == '&' ? op(OP_AND, i, 2) : op(OP_AMP, i, 1); }
            case ':' -> { return d == ':' ? op(OP_CAST, i, 2) : d == '=' ? op(OP_ASSIGN, i, 2) : single(OTHER, i); }
            case '^' -> { return d == '=' ? op(OP_NE, i, 2) : op(OP_CARET, i, 1); }
            case '~' -> { return d == '*' || d == '~' ? op(OP_REGEX, i, 2) : op(OP_TILDE, i, 1); }
            case '?' -> { return d == '|' || d == '&' ? op(OP_JSON, i, 2) : op(OP_QUESTION, i, 1); }
            case '-' -> { return d == '>' ? op(e == '>' ? OP_JSON : OP_ARROW, i, e == '>' ? 3 : 2) : op(OP_MINUS, i, 1); }
            case '#' -> { return op(OP_JSON, i, e == '>' ? 3 : 2); }     // #> and #>> (a lone # is a comment)
            case '+' -> { return op(OP_PLUS, i, 1); }
            case '*' -> { return op(OP_STAR, i, 1); }
            case '/' -> { return op(OP_SLASH, i, 1); }
            case '%' -> { return op(OP_PERCENT, i, 1); }
            default -> { return single(OTHER, i); }
        }
    }

    private int single(int kind, int i) {
        tokens.add(kind, i, i + 1, 0, 0);
        return i + 1;
    }

    private int op(int operator, int i, int length) {
        tokens.add(OPERATOR, i, i + length, operator, 0);
        return i + length;
    }

    /** {@code $$...$$}, {@code $tag$...$tag$} (PostgreSQL strings), {@code $1} (a parameter), else a stray '$'. */
    private int dollar(CharSequence s, int i, int n) {
        int j = i + 1;
        if (j < n && isDigit(s.charAt(j))) {
            j = digits(s, j, n);
            tokens.add(VARIABLE, i, j, 0, 0);
            return j;
        }
        while (j < n && j - i <= 16 && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j >= n || s.charAt(j) != '$') {
            return single(OTHER, i);
        }
        int tag = j + 1 - i;        // "$tag$" length
        int k = j + 1;
        while (k + tag <= n) {
            steps++;
            if (s.charAt(k) == '$' && regionMatches(s, k, i, tag)) {
                tokens.add(STRING, i, k + tag, '$', 0);
                return k + tag;
            }
            k++;
        }
        tokens.add(STRING, i, n, '$', UNTERMINATED);
        return n;
    }

    private boolean regionMatches(CharSequence s, int a, int b, int length) {
        for (int x = 0; x < length; x++) {
            if (s.charAt(a + x) != s.charAt(b + x)) {
                return false;
            }
        }
        steps += length;
        return true;
    }

    private int at(CharSequence s, int i, int n) {
        char d = i + 1 < n ? s.charAt(i + 1) : 0;
        if (d == '>' || d == '?') {
            return op(OP_JSON, i, 2);
        }
        boolean system = d == '@';
        int j = system ? i + 2 : i + 1;
        if (system && (j >= n || !isVariablePart(s.charAt(j)))) {
            return op(OP_JSON, i, 2);                           // @@ text-search match
        }
        char q = j < n ? quoteClass(s.charAt(j)) : 0;
        if (q != 0) {
            int close = closingQuote(s, j + 1, n, q);
            int stop = close < 0 ? n : close + 1;
            tokens.add(VARIABLE, i, stop, 0, system ? SYSTEM : 0);
            return stop;
        }
        while (j < n && isVariablePart(s.charAt(j))) {
            j++;
        }
        steps += j - i;
        if (j == i + 1) {
            return single(OTHER, i);                            // a lone '@' names nothing
        }
        tokens.add(VARIABLE, i, j, 0, system ? SYSTEM : 0);
        return j;
    }

    private static boolean peek(CharSequence s, int i, int n, char c) {
        return i < n && s.charAt(i) == c;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0xa0
                || c > 0x7f && Character.isWhitespace(c) || c > 0x7f && Character.isSpaceChar(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordPart(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                : Character.isLetterOrDigit(c);
    }

    private static boolean isVariablePart(char c) {
        return isWordPart(c) || c == '.';
    }

    /** The ASCII quote a character stands for ({@code ' " `}), or 0. */
    static char quoteClass(char c) {
        return switch (c) {
            case '\'', '\u2018', '\u2019', '\u201B', '\u02BC', '\uFF07' -> '\'';
            case '"', '\u201C', '\u201D', '\uFF02' -> '"';
            case '`' -> '`';
            default -> 0;
        };
    }
}
