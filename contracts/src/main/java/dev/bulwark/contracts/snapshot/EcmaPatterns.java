package dev.bulwark.contracts.snapshot;

/**
 * JSON Schema {@code pattern}s are ECMA-262 regular expressions; the gateway matches them with
 * RE2/J, whose matching time is linear in the input whatever the pattern (a tenant's pattern is run
 * on attacker-chosen values, and a backtracking engine turns {@code ^(a+)+$} into a denial of
 * service). This rewrites the ECMA spellings RE2 writes differently; what RE2 cannot express at
 * all (look-around, back-references) is left as it is, so that compiling it fails and the control
 * plane can name the pattern when the document is imported.
 *
 * <p>Both engines already agree on what matters most: {@code $} without the multiline flag matches
 * only at the very end of the input (Java's {@code $} also before a final line break, a classic
 * validation bypass), and {@code \d}, {@code \w} are ASCII.
 */
public final class EcmaPatterns {
    private EcmaPatterns() {
    }

    /** The RE2 spelling of an ECMA-262 pattern. */
    public static String toRe2(String ecma) {
        StringBuilder out = new StringBuilder(ecma.length() + 8);
        int i = 0;
        while (i < ecma.length()) {
            char c = ecma.charAt(i);
            if (c == '\\' && i + 1 < ecma.length()) {
                char next = ecma.charAt(i + 1);
                if (next == 'u' && i + 2 < ecma.length() && ecma.charAt(i + 2) == '{') {
                    int close = ecma.indexOf('}', i + 3);
                    if (close > 0) {
                        // \\u{1F600} (u flag) is \\x{1F600}
                        out.append("\\x{").append(ecma, i + 3, close).append('}');
                        i = close + 1;
                        continue;
                    }
                } else if (next == 'u' && i + 6 <= ecma.length() && hex(ecma, i + 2, i + 6)) {
                    out.append("\\x{").append(ecma, i + 2, i + 6).append('}');
                    i += 6;
                    continue;
                } else if (next == '/') {
                    // ECMA literals escape the slash; RE2 needs no escape for it
                    out.append('/');
                    i += 2;
                    continue;
                }
                out.append(c).append(next);
                i += 2;
                continue;
            }
            if (c == '(' && ecma.startsWith("(?<", i) && i + 3 < ecma.length() && ecma.charAt(i + 3) != '='
                    && ecma.charAt(i + 3) != '!') {
                out.append("(?P<");
                i += 3;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
