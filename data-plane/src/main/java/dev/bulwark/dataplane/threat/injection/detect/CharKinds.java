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
    private static final int[] KINDS = new int[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            KINDS[c] = WORD | LETTER;
            KINDS[c - 32] = WORD | LETTER | UPPER;
        }
        for (char c = '0'; c <= '9'; c++) {
            KINDS[c] = WORD | DIGIT;
        }
        KINDS['_'] = WORD;
        for (char c : " \t\n\u000B\f\r".toCharArray()) {
            KINDS[c] = SPACE;
        }
        KINDS['\t'] |= BREAK;
        KINDS['\n'] |= BREAK;
        KINDS['\r'] |= BREAK;
        for (char c : "-@?$[]".toCharArray()) {
            KINDS[c] = PUNCTUATION;
        }
    }

    private CharKinds() {
    }

    /** The classes of {@code c}; none for non-ASCII characters. */
    static int of(char c) {
        return c < 128 ? KINDS[c] : 0;
    }
}
