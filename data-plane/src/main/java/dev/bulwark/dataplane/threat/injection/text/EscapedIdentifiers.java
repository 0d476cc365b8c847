package dev.bulwark.dataplane.threat.injection.text;

/**
 * Finds identifiers spelled with JavaScript's {@code \}{@code uXXXX} escapes ({@code \u0061lert},
 * {@code \u0076\u0061lueOf}). Script engines read such an identifier as the plain word, and no
 * encoder escapes plain ASCII letters (they escape quotes, controls and non-ASCII), so an escaped
 * letter inside a word exists only to get a name past a filter. Read on the value as received,
 * before normalisation removes the escapes; a percent-encoded backslash counts. One forward pass.
 */
public final class EscapedIdentifiers {
    /** Escaped letters within one identifier from which the spelling is deliberate. */
    static final int THRESHOLD = 2;

    private EscapedIdentifiers() {
    }

    public static boolean present(CharSequence s) {
        int n = s.length();
        int escaped = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int u = backslashEnd(s, i);
            if (u > i && u + 4 < n && s.charAt(u) == 'u' && hex4(s, u + 1)) {
                int code = Ascii.hexValue(s.charAt(u + 1)) << 12 | Ascii.hexValue(s.charAt(u + 2)) << 8
                        | Ascii.hexValue(s.charAt(u + 3)) << 4 | Ascii.hexValue(s.charAt(u + 4));
                if (code < 128 && identifierPart((char) code)) {
                    if (++escaped >= THRESHOLD) {
                        return true;
                    }
                } else {
                    escaped = 0;
                }
                i = u + 4;
            } else if (!identifierPart(c)) {
                escaped = 0;
            }
        }
        return false;
    }

    /** After a backslash at {@code i}, literal or percent-encoded ({@code %5C}, {@code %255C}); {@code i} when there is none. */
    private static int backslashEnd(CharSequence s, int i) {
        if (s.charAt(i) == '\\') {
            return i + 1;
        }
        int k = i;
        if (k + 2 < s.length() && s.charAt(k) == '%' && s.charAt(k + 1) == '2' && s.charAt(k + 2) == '5') {
            k += 2; // %25 5C: the percent sign itself encoded once more
        }
        if (k + 2 < s.length() && s.charAt(k) == '%' && s.charAt(k + 1) == '5' && (s.charAt(k + 2) | 0x20) == 'c') {
            return k + 3;
        }
        return i;
    }

    private static boolean identifierPart(char c) {
        return Ascii.isLetter(c) || Ascii.isDigit(c) || c == '_' || c == '$';
    }

    private static boolean hex4(CharSequence s, int from) {
        for (int k = 0; k < 4; k++) {
            if (!Ascii.isHex(s.charAt(from + k))) {
                return false;
            }
        }
        return true;
    }
}
