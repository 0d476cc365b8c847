package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * A command run through a variable: {@code name=value} at a command position, then {@code $name}
 * (or <code>${name}</code>) at a later command position, so the program name is assembled at run time
 * and never appears as a word. One pass; at most {@link #ASSIGNMENTS} names are remembered.
 */
final class ShellVariables {
    private static final int ASSIGNMENTS = 8;
    private static final int NAME = 32;

    private ShellVariables() {
    }

    static boolean commandFromVariable(CharSequence t) {
        int[] starts = new int[ASSIGNMENTS];
        int[] ends = new int[ASSIGNMENTS];
        int assigned = 0;
        int n = t.length();
        boolean commandPosition = true;
        for (int i = 0; i < n; ) {
            char c = t.charAt(i);
            if (Ascii.isSpace(c) && c != '\n') {
                i++;
                continue;
            }
            if (c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == '`') {
                commandPosition = true;
                i++;
                continue;
            }
            if (!commandPosition) {
                i = wordEnd(t, i);
                continue;
            }
            commandPosition = false;
            if (c == '$') {
                int from = i + 1 < n && t.charAt(i + 1) == '{' ? i + 2 : i + 1;
                int to = identifierEnd(t, from);
                for (int a = 0; a < assigned && to > from; a++) {
                    if (to - from == ends[a] - starts[a] && regionEquals(t, from, starts[a], to - from)) {
                        return true;
                    }
                }
            } else if (Ascii.isLetter(c) || c == '_') {
                int to = identifierEnd(t, i);
                if (to < n && t.charAt(to) == '=' && assigned < ASSIGNMENTS) {
                    starts[assigned] = i;
                    ends[assigned++] = to;
                    commandPosition = true;         // "a=1 b=2 cmd": assignments prefix a command
                    i = valueEnd(t, to + 1);
                    continue;
                }
            }
            i = wordEnd(t, i);
        }
        return false;
    }

    private static int identifierEnd(CharSequence t, int i) {
        int start = i;
        while (i < t.length() && i - start < NAME && (Ascii.isWord(t.charAt(i)))) {
            i++;
        }
        return i;
    }

    /** The end of an assigned value: the next unescaped space or command separator. */
    private static int valueEnd(CharSequence t, int i) {
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                i += 2;
                continue;
            }
            if (Ascii.isSpace(c) || c == ';' || c == '&' || c == '|') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int wordEnd(CharSequence t, int i) {
        int start = i;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Ascii.isSpace(c) || c == ';' || c == '&' || c == '|' || c == '(' || c == '`') {
                break;
            }
            i++;
        }
        return Math.max(i, start + 1);
    }

    private static boolean regionEquals(CharSequence t, int a, int b, int length) {
        for (int k = 0; k < length; k++) {
            if (t.charAt(a + k) != t.charAt(b + k)) {
                return false;
            }
        }
        return true;
    }
}
