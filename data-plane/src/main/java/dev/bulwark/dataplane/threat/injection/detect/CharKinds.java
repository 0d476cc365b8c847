package dev.bulwark.dataplane.threat.injection.detect;

/** The {@link Prefilter} pass's classes of characters: one table read instead of a chain of comparisons. */
final class CharKinds {
    /** A word character: {@code [A-Za-z0-9_]}. */
    static final int WORD = 1;
    static final int LETTER = 1 << 1;
    static final int UPPER = 1 << 2;
    static final int DIGIT = 1 << 3;
    /** Whitespace as {@code Ascii.isSpace} reads it: space, tab, LF, VT, FF, CR. */
    static final int SPACE = 1 << 4;
    /** Tab, CR and LF, which browsers drop inside a scheme. */
    static final int BREAK = 1 << 5;
    /** The characters of the pairs the pass notes: {@code - @ ? $ [ ]}. */
    static final int PUNCTUATION = 1 << 6;
    /** A character of the base64 alphabets, standard and URL: {@code [A-Za-z0-9+/_-]}. */
    static final int BASE64 = 1 << 7;
    /** A digit or {@code +}: what makes a base64 run look encoded rather than a word. */
    static final int DIGIT_OR_PLUS = 1 << 8;
    static final int LOWER = 1 << 9;
    /** A letter past {@code f}, which hex never holds. */
    static final int BEYOND_HEX = 1 << 10;
    static final int UPPER_SHIFT = Integer.numberOfTrailingZeros(UPPER);
    static final int BEYOND_HEX_SHIFT = Integer.numberOfTrailingZeros(BEYOND_HEX);
    private static final int[] KINDS = new int[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            int beyondHex = c > 'f' ? BEYOND_HEX : 0;
            KINDS[c] = WORD | LETTER | BASE64 | LOWER | beyondHex;
            KINDS[c - 32] = WORD | LETTER | UPPER | BASE64 | beyondHex;
        }
        for (char c = '0'; c <= '9'; c++) {
            KINDS[c] = WORD | DIGIT | BASE64 | DIGIT_OR_PLUS;
        }
        KINDS['_'] = WORD | BASE64;
        KINDS['+'] = BASE64 | DIGIT_OR_PLUS;
        KINDS['/'] = BASE64;
        for (char c : " \t\n\u000B\f\r".toCharArray()) {
            KINDS[c] = SPACE;
        }
        KINDS['\t'] |= BREAK;
        KINDS['\n'] |= BREAK;
        KINDS['\r'] |= BREAK;
        for (char c : "-@?$[]".toCharArray()) {
            KINDS[c] = PUNCTUATION;
        }
        KINDS['-'] |= BASE64;
    }

    private CharKinds() {
    }

    /** The classes of {@code c}; none for non-ASCII characters. */
    static int of(char c) {
        return c < 128 ? KINDS[c] : 0;
    }
}
