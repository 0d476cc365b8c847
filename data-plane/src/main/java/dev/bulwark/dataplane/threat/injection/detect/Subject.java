package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.TextBuffer;
import java.util.function.IntFunction;

/**
 * The value under inspection, normalised, with what detectors need to decide cheaply whether to look
 * at it at all: a mask of the character classes present (a value of letters and spaces cannot hold
 * markup, a command separator or a traversal). Reused for every value of a request (one per thread),
 * with scratch buffers detectors may use for their own views of the text.
 */
public final class Subject {
    public static final long LT = 1L;
    public static final long GT = 1L << 1;
    public static final long LPAREN = 1L << 2;
    public static final long RPAREN = 1L << 3;
    public static final long DOLLAR = 1L << 4;
    public static final long LBRACE = 1L << 5;
    public static final long RBRACE = 1L << 6;
    public static final long SEMI = 1L << 7;
    public static final long PIPE = 1L << 8;
    public static final long AMP = 1L << 9;
    public static final long BACKTICK = 1L << 10;
    public static final long SLASH = 1L << 11;
    public static final long BACKSLASH = 1L << 12;
    public static final long DOT = 1L << 13;
    public static final long COLON = 1L << 14;
    public static final long QUOTE = 1L << 15;
    public static final long DQUOTE = 1L << 16;
    public static final long EQUALS = 1L << 17;
    public static final long UNDERSCORE = 1L << 18;
    public static final long AT = 1L << 19;
    public static final long HASH = 1L << 20;
    public static final long PERCENT = 1L << 21;
    public static final long BANG = 1L << 22;
    public static final long LBRACKET = 1L << 23;
    public static final long RBRACKET = 1L << 24;
    public static final long TILDE = 1L << 25;
    public static final long STAR = 1L << 26;
    public static final long QUESTION = 1L << 27;
    public static final long NEWLINE = 1L << 28;
    public static final long SPACE = 1L << 29;
    public static final long COMMA = 1L << 30;
    public static final long PLUS = 1L << 31;
    public static final long MINUS = 1L << 32;
    public static final long CARET = 1L << 33;
    public static final long DIGIT = 1L << 34;
    public static final long LETTER = 1L << 35;
    public static final long NON_ASCII = 1L << 36;
    public static final long CONTROL = 1L << 37;
    public static final long UPPER = 1L << 38;

    private static final long[] ASCII = new long[128];

    static {
        String symbols = "<>()${};|&`/\\.:'\"=_@#%![]~*?";
        long[] bits = {LT, GT, LPAREN, RPAREN, DOLLAR, LBRACE, RBRACE, SEMI, PIPE, AMP, BACKTICK, SLASH, BACKSLASH, DOT, COLON,
            QUOTE, DQUOTE, EQUALS, UNDERSCORE, AT, HASH, PERCENT, BANG, LBRACKET, RBRACKET, TILDE, STAR, QUESTION};
        for (int i = 0; i < symbols.length(); i++) {
            ASCII[symbols.charAt(i)] = bits[i];
        }
        ASCII['\n'] = NEWLINE;
        ASCII['\r'] = NEWLINE;
        ASCII[' '] = SPACE;
        ASCII['\t'] = SPACE;
        ASCII[0x0B] = SPACE;
        ASCII[0x0C] = SPACE;
        ASCII[','] = COMMA;
        ASCII['+'] = PLUS;
        ASCII['-'] = MINUS;
        ASCII['^'] = CARET;
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = DIGIT;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = LETTER;
            ASCII[c - 32] = LETTER | UPPER;
        }
        for (int c = 0; c < 32; c++) {
            if (ASCII[c] == 0) {
                ASCII[c] = CONTROL;
            }
        }
        ASCII[127] = CONTROL;
    }

    /** The class bit of one character (the bits of {@link #mask}). */
    public static long classOf(char c) {
        return c < 128 ? ASCII[c] : NON_ASCII;
    }

    /**
     * The value, copied: every detector reads the same class of sequence, so the JIT inlines the
     * reads instead of dispatching each one among String, StringBuilder and the parsers' views.
     */
    private final TextBuffer text;
    private long mask;
    private InputKind kind = InputKind.BODY_TEXT;
    private CharSequence name = "";
    private boolean strict;
    private boolean sameSiteReferer;
    private int base64Verdict = -1;
    private boolean escapedIdentifier;
    /** Scratch for a detector's own view of the text (shell words, script tokens); never kept across calls. */
    public final StringBuilder view = new StringBuilder(64);
    /** A second scratch buffer, for views derived from a view. */
    public final StringBuilder view2 = new StringBuilder(64);
    /** A word being read (shell words), appended to one character at a time. */
    public final TextBuffer word;
    /** Bytes decoded from base64. */
    public final TextBuffer decoded;

    public Subject() {
        this(TextBuffer::new);
    }

    /** @param buffers makes the value's copy and the scratch buffers from a capacity (tests pass one that counts reads) */
    public Subject(IntFunction<TextBuffer> buffers) {
        text = buffers.apply(256);
        word = buffers.apply(64);
        decoded = buffers.apply(64);
    }

    public Subject set(CharSequence value, InputKind kind, CharSequence name, ThreatSensitivity sensitivity) {
        text.setLength(0);
        this.kind = kind;
        this.name = name == null ? "" : name;
        this.strict = sensitivity == ThreatSensitivity.STRICT;
        this.base64Verdict = -1;
        this.escapedIdentifier = false;
        long m = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            text.append(c);
            m |= c < 128 ? ASCII[c] : NON_ASCII;
        }
        this.mask = m;
        return this;
    }

    /** Whether the value as received spelled an identifier with {@code \}{@code u} escapes (see EscapedIdentifiers). */
    public boolean escapedIdentifier() {
        return escapedIdentifier;
    }

    public Subject escapedIdentifier(boolean escaped) {
        this.escapedIdentifier = escaped;
        return this;
    }

    public CharSequence text() {
        return text;
    }

    /** The value's characters from {@code from} to {@code to}, copied into a new string (for the rare path that needs one). */
    public String substring(int from, int to) {
        return text.subSequence(from, to).toString();
    }

    public int length() {
        return text.length();
    }

    public char charAt(int i) {
        return text.charAt(i);
    }

    /** Whether any of the character classes in {@code bits} occurs in the value. */
    public boolean has(long bits) {
        return (mask & bits) != 0;
    }

    /** Whether all of the character classes in {@code bits} occur in the value. */
    public boolean hasAll(long bits) {
        return (mask & bits) == bits;
    }

    public long mask() {
        return mask;
    }

    public InputKind kind() {
        return kind;
    }

    /** The parameter's name (normalised) for values of named inputs, else empty. */
    public CharSequence name() {
        return name;
    }

    /** The request came from a page of the same site (its Referer's host is the Host or a subdomain of it). */
    public boolean sameSiteReferer() {
        return sameSiteReferer;
    }

    /** Set once per request, before its values. */
    public void sameSiteReferer(boolean sameSite) {
        this.sameSiteReferer = sameSite;
    }

    public boolean strict() {
        return strict;
    }

    /** What the value's base64 tokens decode to (see {@code Base64Tokens}), or -1 before anyone looked. */
    int base64Verdict() {
        return base64Verdict;
    }

    void base64Verdict(int verdict) {
        base64Verdict = verdict;
    }
}
