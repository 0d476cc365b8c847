package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/**
 * Absolute paths spelled with shell glob patterns so that no literal system path appears
 * ({@code /???/??t}, {@code /bi[n]/sh}, {@code /et*}{@code /pas?wd}): the shell expands them back, a filter
 * looking for {@code /etc/passwd} never sees it. A path counts when it has at least two segments,
 * a glob character in one of them, and starts at a system root directory or with a glob.
 */
final class GlobPaths {
    private static final WordSet ROOTS = WordSet.of("bin", "sbin", "etc", "usr", "dev", "proc", "sys", "tmp", "var", "home",
            "root", "opt", "lib", "lib64", "boot", "mnt", "srv", "run");

    private GlobPaths() {
    }

    static boolean find(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (t.charAt(i) != '/' || i > 0 && !boundary(t.charAt(i - 1))) {
                continue;
            }
            int segments = 0;
            boolean glob = false;
            boolean bracket = false;
            boolean anchored = false;
            int j = i;
            while (j < n && t.charAt(j) == '/') {
                while (j < n && t.charAt(j) == '/') {
                    j++;
                }
                int start = j;
                boolean segmentGlob = false;
                while (j < n) {
                    char c = t.charAt(j);
                    if (c == '[') {
                        int close = closingBracket(t, j);
                        if (close < 0) {
                            break;
                        }
                        segmentGlob = true;
                        bracket = true;
                        j = close + 1;
                    } else if (c == '?' || c == '*') {
                        segmentGlob = true;
                        j++;
                    } else if (Ascii.isWord(c) || c == '.' || c == '-' || c == '!') {
                        j++;
                    } else {
                        break;
                    }
                }
                if (j == start) {
                    break;
                }
                if (segments == 0) {
                    anchored = segmentGlob || ROOTS.contains(t, start, j);
                }
                segments++;
                glob |= segmentGlob;
            }
            boolean ends = j >= n || boundaryAfter(t.charAt(j)) || wordJoiner(t.charAt(j));
            if ((segments >= 2 || bracket) && glob && anchored && ends) {
                return true;
            }
            i = Math.max(i, j - 1);
        }
        return false;
    }

    /**
     * What may follow the pattern inside the same command: a redirection, an expansion ({@code $IFS}),
     * a brace list's comma or close. Anything else ({@code /bin/ca?+x}, a literal '+' where no form
     * decoding made it a space) extends the word into a pattern that names no file.
     */
    private static boolean wordJoiner(char c) {
        return c == '<' || c == '>' || c == '$' || c == ',' || c == '}' || c == '\\';
    }

    private static boolean boundaryAfter(char c) {
        return Ascii.isSpace(c) || c == '"' || c == '\'' || c == ';' || c == '|' || c == '&' || c == ')' || c == '`';
    }

    /** Where a shell word starts: after a space, an operator, a quote, a redirection, an assignment or a brace list. */
    private static boolean boundary(char c) {
        return Ascii.isSpace(c) || ";|&(){}`'\"<>=,$".indexOf(c) >= 0;
    }

    private static int closingBracket(CharSequence t, int open) {
        for (int k = open + 1, end = Math.min(t.length(), open + 32); k < end; k++) {
            char c = t.charAt(k);
            if (c == ']') {
                return k > open + 1 ? k : -1;
            }
            if (Ascii.isSpace(c) || c == '-' || c == '^') {
                return -1; // a regular-expression class ([a-z], [^x]), not a glob hiding one letter
            }
        }
        return -1;
    }
}
