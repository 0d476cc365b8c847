package dev.bulwark.dataplane.threat.injection.text;

/**
 * Case-insensitive ASCII comparisons over {@link CharSequence} regions, without allocating. Only
 * A-Z fold: attack keywords are ASCII, and folding other scripts would let look-alikes collide.
 */
public final class Ascii {
    private Ascii() {
    }

    public static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }

    public static boolean isLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isHex(char c) {
        return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }

    public static int hexValue(char c) {
        return isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    /** Letters, digits and underscore: an identifier character in most languages. */
    public static boolean isWord(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    /** Whitespace as shells, parsers and browsers skip it (space, tab, CR, LF, VT, FF). */
    public static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** Whether {@code s} holds {@code lower} (a lower-case ASCII literal) at {@code at}, ignoring case. */
    public static boolean matchesAt(CharSequence s, int at, String lower) {
        int n = lower.length();
        if (at < 0 || at + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (lower(s.charAt(at + i)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #matchesAt} and the match is a whole word (no word character on either side). */
    public static boolean wordAt(CharSequence s, int at, String lower) {
        return matchesAt(s, at, lower) && (at == 0 || !isWord(s.charAt(at - 1)))
                && (at + lower.length() == s.length() || !isWord(s.charAt(at + lower.length())));
    }

    /**
     * First index at or after {@code from} where {@code lower} occurs ignoring case, or -1. The needles are
     * short literals, so the cost is linear in {@code s} times a small constant.
     */
    public static int indexOf(CharSequence s, String lower, int from) {
        int n = lower.length();
        char first = lower.charAt(0);
        for (int i = Math.max(0, from), last = s.length() - n; i <= last; i++) {
            if (lower(s.charAt(i)) == first && regionEquals(s, i, lower)) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link #indexOf(CharSequence, String, int)}, searching only matches that start before {@code to}. */
    public static int indexOf(CharSequence s, String lower, int from, int to) {
        char first = lower.charAt(0);
        for (int i = Math.max(0, from), last = Math.min(to, s.length() - lower.length() + 1); i < last; i++) {
            if (lower(s.charAt(i)) == first && regionEquals(s, i, lower)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionEquals(CharSequence s, int at, String lower) {
        for (int i = 1; i < lower.length(); i++) {
            if (lower(s.charAt(at + i)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public static boolean contains(CharSequence s, String lower) {
        return indexOf(s, lower, 0) >= 0;
    }

    /** Index of the first character at or after {@code i} that is not whitespace. */
    public static int skipSpaces(CharSequence s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of the run of word characters starting at {@code i}. */
    public static int wordEnd(CharSequence s, int i) {
        while (i < s.length() && isWord(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
