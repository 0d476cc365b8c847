package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/** What {@link ShellScanner} asks of single words: options, paths, assignments, expansions, interpreter flags. */
final class ShellWords {
    private ShellWords() {
    }

    /** {@code $x} or <code>${x}</code> alone: a variable that, unset, expands to nothing. */
    static boolean variable(CharSequence w) {
        if (w.length() < 2 || w.charAt(0) != '$') {
            return false;
        }
        for (int i = 1; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Ascii.isWord(c) && c != '{' && c != '}') {
                return false;
            }
        }
        return true;
    }

    /** {@code name=value} after alias or export: a command being defined. */
    static boolean definition(CharSequence w) {
        for (int i = 1; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '=') {
                return true;
            }
            if (!Ascii.isWord(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return false;
    }

    /** {@code sh,-c,id}: an interpreter and its execution flag joined by commas (as gcc's -wrapper takes them). */
    static boolean commaInvocation(CharSequence w) {
        for (int i = 1; i + 2 < w.length(); i++) {
            if (w.charAt(i) == ',' && w.charAt(i + 1) == '-') {
                int flagEnd = i + 2;
                while (flagEnd < w.length() && w.charAt(flagEnd) != ',') {
                    flagEnd++;
                }
                return CommandWords.isInterpreter(w.subSequence(0, i)) && CommandWords.EXEC_FLAGS.contains(w, i + 1, flagEnd);
            }
        }
        return false;
    }

    static boolean option(CharSequence w) {
        int dashes = w.length() > 1 && w.charAt(0) == '-' ? (w.charAt(1) == '-' ? 2 : 1) : 0;
        return dashes > 0 && w.length() > dashes && Ascii.isLetter(w.charAt(dashes))
                || w.length() == 2 && w.charAt(0) == '+' && Ascii.isLetter(w.charAt(1));
    }

    static boolean path(CharSequence w) {
        char first = w.charAt(0);
        if (first == '~' || w.length() > 2 && Ascii.isLetter(first) && w.charAt(1) == ':' && w.charAt(2) == '\\') {
            return true;
        }
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) == '/') {
                return i + 1 >= w.length() || w.charAt(i + 1) != '/'; // a URL's // is not a path
            }
        }
        return false;
    }

    static boolean fileName(CharSequence w) {
        int dot = -1;
        for (int i = 1; i < w.length(); i++) {
            if (w.charAt(i) == '.') {
                dot = i;
            }
        }
        int ext = w.length() - dot - 1;
        return dot > 0 && ext >= 1 && ext <= 4 && Ascii.isLetter(w.charAt(dot + 1));
    }

    static boolean number(CharSequence w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Ascii.isDigit(w.charAt(i)) && w.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    static boolean assignment(CharSequence w) {
        int eq = -1;
        for (int i = 0; i < w.length() && eq < 0; i++) {
            if (w.charAt(i) == '=') {
                eq = i;
            } else if (!Ascii.isWord(w.charAt(i))) {
                return false;
            }
        }
        return eq > 0;
    }

    /** An English contraction suffix after an apostrophe ({@code 's}, {@code 'd}, {@code 'll}, ...) ending the word. */
    static boolean contraction(CharSequence t, int i) {
        int end = i;
        while (end < t.length() && Ascii.isLetter(t.charAt(end))) {
            end++;
        }
        int length = end - i;
        if (length == 1) {
            char c = Ascii.lower(t.charAt(i));
            return c == 's' || c == 'd' || c == 't' || c == 'm';
        }
        return length == 2 && (Ascii.matchesAt(t, i, "ll") || Ascii.matchesAt(t, i, "re") || Ascii.matchesAt(t, i, "ve"));
    }

    /** Length of an expansion that is empty or constant inside a word ({@code $@}, {@code $u}, <code>${x}</code>, {@code $()}), or 0. */
    static int emptyExpansion(CharSequence t, int i) {
        int n = t.length();
        if (i + 1 >= n) {
            return 0;
        }
        char next = t.charAt(i + 1);
        if ("@*!?_$#-".indexOf(next) >= 0 || Ascii.isDigit(next)) {
            return 2;
        }
        if (next == '(' && i + 2 < n && t.charAt(i + 2) == ')') {
            return 3;
        }
        if (next == '{') {
            for (int k = i + 2; k < n && k < i + 34; k++) {
                if (t.charAt(k) == '}') {
                    return k + 1 - i;
                }
            }
            return 0;
        }
        int end = i + 1;
        while (end < n && end < i + 33 && Ascii.isWord(t.charAt(end))) {
            end++;
        }
        return end > i + 1 && ShellScanner.ifs(t, i) == 0 ? end - i : 0;
    }

    /** Whether the value's first word names a program or a wrapper (or is a path to one). */
    static boolean startsWithProgram(CharSequence t) {
        int start = Ascii.skipSpaces(t, 0);
        int end = start;
        while (end < t.length() && !Ascii.isSpace(t.charAt(end))) {
            end++;
        }
        return end > start && CommandWords.classify(t, start, end) != CommandWords.NONE;
    }

    /** An interpreter followed by its execution flag anywhere in plain words ({@code ... bash -c ...}, {@code cmd /c}). */
    static boolean interpreterFlag(CharSequence t) {
        int n = t.length();
        for (int i = 1; i < n; i++) {
            char c = t.charAt(i);
            if ((c != '-' && c != '/') || !Ascii.isSpace(t.charAt(i - 1))) {
                continue;
            }
            int flagEnd = i;
            while (flagEnd < n && !Ascii.isSpace(t.charAt(flagEnd))) {
                flagEnd++;
            }
            int wordEnd = i - 1;
            while (wordEnd > 0 && Ascii.isSpace(t.charAt(wordEnd - 1))) {
                wordEnd--;
            }
            int wordStart = wordEnd;
            while (wordStart > 0 && wordEnd - wordStart < 32 && !Ascii.isSpace(t.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (wordEnd > wordStart && CommandWords.EXEC_FLAGS.contains(t, i, flagEnd)
                    && CommandWords.isInterpreter(t.subSequence(wordStart, wordEnd))) {
                return true;
            }
        }
        return false;
    }
}
