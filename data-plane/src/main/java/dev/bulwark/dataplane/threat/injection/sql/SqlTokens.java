package dev.bulwark.dataplane.threat.injection.sql;

/**
 * The tokens of one value in one context, as parallel int arrays (kind, start, end, detail, flags,
 * matching parenthesis): no object per token, and the arrays are reused from one value to the next.
 * Offsets are into the value; the detail is a keyword id for words, an operator id for operators,
 * the quote character for strings and quoted identifiers.
 */
public final class SqlTokens {

    public static final int STRING = 1;
    public static final int NUMBER = 2;
    public static final int WORD = 3;
    public static final int QUOTED_IDENT = 4;   // `name`
    public static final int VARIABLE = 5;       // @x, @@x, $1
    public static final int OPERATOR = 6;
    public static final int LPAREN = 7;
    public static final int RPAREN = 8;
    public static final int COMMA = 9;
    public static final int SEMICOLON = 10;
    public static final int DOT = 11;
    public static final int COMMENT = 12;
    public static final int OTHER = 13;

    /** A string or block comment the value ends inside of. */
    public static final int UNTERMINATED = 1;
    /** The literal the value was injected into (first token of a quoted context). */
    public static final int INJECTED = 1 << 1;
    /** A word followed by '(' : a function call. */
    public static final int CALL = 1 << 2;
    /** A number like {@code 1.e}: a mantissa with an empty exponent, which MySQL reads and ignores. */
    public static final int BARE_EXPONENT = 1 << 3;
    /** A comment opening MySQL's executable {@code /*!...} form; what follows is code. */
    public static final int VERSIONED = 1 << 4;
    /** A line comment (-- or #). */
    public static final int LINE = 1 << 5;
    /** No whitespace or comment between this token and the previous one. */
    public static final int GLUED = 1 << 6;
    /** A variable written @@name (a system variable). */
    public static final int SYSTEM = 1 << 7;

    // Operators.
    public static final int OP_EQ = 1, OP_NE = 2, OP_LT = 3, OP_GT = 4, OP_LE = 5, OP_GE = 6, OP_NULL_SAFE_EQ = 7,
        OP_DOUBLE_EQ = 8, OP_PLUS = 9, OP_MINUS = 10, OP_STAR = 11, OP_SLASH = 12, OP_PERCENT = 13, OP_AMP = 14,
        OP_PIPE = 15, OP_CARET = 16, OP_TILDE = 17, OP_BANG = 18, OP_SHIFT = 19, OP_AND = 20, OP_OR = 21,
        OP_CAST = 22, OP_ASSIGN = 23, OP_ARROW = 24, OP_JSON = 25, OP_REGEX = 26, OP_QUESTION = 27;

    CharSequence text;
    int size;
    int[] kind = new int[64];
    int[] start = new int[64];
    int[] end = new int[64];
    int[] detail = new int[64];
    int[] flags = new int[64];
    int[] match = new int[64];
    private int[] stack = new int[16];

    /** Capacity kept between values; a huge value's arrays are dropped rather than held by the thread. */
    private static final int RETAINED = 4096;

    void reset(CharSequence value) {
        text = value;
        size = 0;
        if (kind.length > RETAINED) {
            kind = new int[64];
            start = new int[64];
            end = new int[64];
            detail = new int[64];
            flags = new int[64];
            match = new int[64];
        }
        if (stack.length > RETAINED) {
            stack = new int[16];
        }
    }

    void add(int k, int s, int e, int d, int f) {
        if (size == kind.length) {
            int n = size * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            start = java.util.Arrays.copyOf(start, n);
            end = java.util.Arrays.copyOf(end, n);
            detail = java.util.Arrays.copyOf(detail, n);
            flags = java.util.Arrays.copyOf(flags, n);
            match = java.util.Arrays.copyOf(match, n);
        }
        kind[size] = k;
        start[size] = s;
        end[size] = e;
        detail[size] = d;
        flags[size] = f;
        match[size] = -1;
        size++;
    }

    /** Marks calls and pairs parentheses; one pass, an explicit stack, no recursion. */
    void finish() {
        int depth = 0;
        int previous = -1;
        for (int i = 0; i < size; i++) {
            int k = kind[i];
            if (k == COMMENT) {
                continue;
            }
            if (k == LPAREN) {
                if (previous >= 0 && (kind[previous] == QUOTED_IDENT || kind[previous] == WORD && callable(detail[previous]))) {
                    flags[previous] |= CALL;
                }
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = i;
            } else if (k == RPAREN && depth > 0) {
                int open = stack[--depth];
                match[open] = i;
                match[i] = open;
            }
            previous = i;
        }
    }

    /** Words that name functions: unknown words and keywords that are also functions or types, not {@code in (} or {@code or (}. */
    private static boolean callable(int keyword) {
        int roles = SqlKeywords.roles(keyword);
        return roles == 0 || (roles & (SqlKeywords.FUNC | SqlKeywords.FUNC_PROBE | SqlKeywords.FUNC_TIME
                | SqlKeywords.CATALOG | SqlKeywords.TYPE | SqlKeywords.LITERAL)) != 0;
    }

    public int size() {
        return size;
    }

    /** The kind of token {@code i}; 0 past either end, so look-ahead needs no bounds checks. */
    public int kind(int i) {
        return i >= 0 && i < size ? kind[i] : 0;
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }

    public int detail(int i) {
        return i >= 0 && i < size ? detail[i] : 0;
    }

    public boolean is(int i, int flag) {
        return i >= 0 && i < size && (flags[i] & flag) != 0;
    }

    /** The keyword id of a word token, or -1. */
    int keyword(int i) {
        return i >= 0 && i < size && kind[i] == WORD ? detail[i] : -1;
    }

    boolean isKeyword(int i, int id) {
        return id >= 0 && keyword(i) == id;
    }

    boolean hasRole(int i, int role) {
        return SqlKeywords.has(keyword(i), role);
    }

    boolean isOp(int i, int op) {
        return i >= 0 && i < size && kind[i] == OPERATOR && detail[i] == op;
    }

    /** The next token after {@code i} that is not a comment, or {@link #size}. */
    int next(int i) {
        int j = i + 1;
        while (j < size && kind[j] == COMMENT) {
            j++;
        }
        return j;
    }

    /** The previous token before {@code i} that is not a comment, or -1. */
    int previous(int i) {
        int j = i - 1;
        while (j >= 0 && kind[j] == COMMENT) {
            j--;
        }
        return j;
    }

    /** Whether two tokens have the same text, ignoring ASCII case (the default collation of most databases). */
    boolean sameText(int a, int b) {
        int la = end[a] - start[a];
        if (la != end[b] - start[b]) {
            return false;
        }
        for (int i = 0; i < la; i++) {
            char x = text.charAt(start[a] + i);
            char y = text.charAt(start[b] + i);
            if (x != y && SqlKeywords.lower(x) != SqlKeywords.lower(y)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the word token {@code i} reads {@code lowercase}. */
    boolean textIs(int i, String lowercase) {
        if (i < 0 || i >= size || kind[i] != WORD || end[i] - start[i] != lowercase.length()) {
            return false;
        }
        for (int c = 0; c < lowercase.length(); c++) {
            if (SqlKeywords.lower(text.charAt(start[i] + c)) != lowercase.charAt(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the word token {@code i} starts with {@code lowercase}. */
    boolean textStarts(int i, String lowercase) {
        if (i < 0 || i >= size || kind[i] != WORD || end[i] - start[i] < lowercase.length()) {
            return false;
        }
        for (int c = 0; c < lowercase.length(); c++) {
            if (SqlKeywords.lower(text.charAt(start[i] + c)) != lowercase.charAt(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "" : " ").append(switch (kind[i]) {
                case STRING -> "s";
                case NUMBER -> "n";
                case WORD -> SqlKeywords.roles(detail[i]) != 0 ? "k" : "w";
                case QUOTED_IDENT -> "q";
                case VARIABLE -> "v";
                case OPERATOR -> "o";
                case LPAREN -> "(";
                case RPAREN -> ")";
                case COMMA -> ",";
                case SEMICOLON -> ";";
                case DOT -> ".";
                case COMMENT -> "c";
                default -> "?";
            }).append(':').append(text, start[i], end[i]);
        }
        return out.toString();
    }
}
