package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * The PHP syntax {@link PhpDetector} looks for: open tags, function calls (direct, through a
 * variable, through a string or a parenthesised expression), with whitespace and comments allowed
 * wherever PHP allows them. Every scan is forward with bounded look-ahead.
 */
final class PhpCode {
    private static final int GROUP = 64;

    private PhpCode() {
    }

    static boolean openTag(CharSequence t) {
        int n = t.length();
        for (int i = Ascii.indexOf(t, "<?", 0); i >= 0; i = Ascii.indexOf(t, "<?", i + 2)) {
            int k = i + 2;
            if (k < n && t.charAt(k) == '=') {
                if (Ascii.skipSpaces(t, k + 1) < n) {
                    return true;
                }
                continue;
            }
            int afterSpace = Ascii.skipSpaces(t, k);
            if (Ascii.matchesAt(t, afterSpace, "php") && (afterSpace + 3 == n || !Ascii.isWord(t.charAt(afterSpace + 3)))) {
                if (Ascii.skipSpaces(t, afterSpace + 3) < n && afterSpace + 3 < n && Ascii.isSpace(t.charAt(afterSpace + 3))) {
                    return true;
                }
                continue;
            }
            if (Ascii.matchesAt(t, k, "xml") && k + 3 < n && Ascii.isSpace(t.charAt(k + 3))) {
                int next = Ascii.skipSpaces(t, k + 3);
                if (next < n && !Ascii.isLetter(t.charAt(next)) && t.charAt(next) != '?') {
                    return true; // <?xml followed by code, not by version=: PHP's short tag reads "xml" as a constant
                }
                continue;
            }
            if (afterSpace > k && afterSpace < n && codeStart(t, afterSpace)) {
                return true;
            }
        }
        return bbTag(t, '[', ']') || bbTag(t, '{', '}');
    }

    /** What PHP code after {@code <?} starts with: a variable, a backtick, an @, a keyword or a known function. */
    private static boolean codeStart(CharSequence t, int i) {
        char c = t.charAt(i);
        if (c == '$' || c == '`' || c == '@') {
            return true;
        }
        int end = Ascii.wordEnd(t, i);
        return Ascii.matchesAt(t, i, "echo") && end == i + 4 || Ascii.matchesAt(t, i, "print") && end == i + 5
                || PhpDetector.FUNCTIONS.contains(t, i, end) || PhpDetector.COMMON_FUNCTIONS.contains(t, i, end);
    }

    /** {@code [php]}/{@code [/php]} (forum code tags), {@code {php}}/{@code {/php}} (Smarty). */
    private static boolean bbTag(CharSequence t, char open, char close) {
        int n = t.length();
        for (int i = 0; i + 4 < n; i++) {
            if (t.charAt(i) == open) {
                int k = t.charAt(i + 1) == '/' ? i + 2 : i + 1;
                if (Ascii.matchesAt(t, k, "php") && k + 3 < n && t.charAt(k + 3) == close) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Where code may start: after a leading XML processing instruction whose target is not {@code php}
     * ({@code <?xml ...?>}, {@code <?xphp ...?>}). Its content is XML's, not PHP's: PHP runs only what
     * follows {@code <?php}, {@code <?=} or a bare {@code <?}, and with a bare {@code <?} it would read
     * the target as a word before the call, which does not parse.
     */
    static int afterProcessingInstruction(CharSequence t) {
        int i = Ascii.skipSpaces(t, 0);
        if (i + 2 >= t.length() || t.charAt(i) != '<' || t.charAt(i + 1) != '?' || !Ascii.isLetter(t.charAt(i + 2))) {
            return 0;
        }
        int end = Ascii.wordEnd(t, i + 2);
        if (end - (i + 2) == 3 && Ascii.matchesAt(t, i + 2, "php")) {
            return 0;
        }
        int close = Ascii.indexOf(t, "?>", end);
        return close < 0 ? t.length() : close + 2;
    }

    /** A direct call of a dangerous function, or a call through a variable, a string or a parenthesised name. */
    static Rule calls(CharSequence t, int from, StringBuilder scratch) {
        int n = t.length();
        for (int i = from; i < n; i++) {
            char c = t.charAt(i);
            if (Ascii.isLetter(c) || c == '_') {
                if (i > 0 && (Ascii.isWord(t.charAt(i - 1)) || t.charAt(i - 1) == '$')) {
                    continue;
                }
                int end = Ascii.wordEnd(t, i);
                if (PhpDetector.FUNCTIONS.contains(t, i, end) || PhpDetector.COMMON_FUNCTIONS.contains(t, i, end)) {
                    int paren = skipTrivia(t, end);
                    if (paren < n && t.charAt(paren) == '(' && callArguments(t, i, end, paren)) {
                        return PhpDetector.FUNCTION_CALL;
                    }
                } else if (extensionFunction(t, i, end)) {
                    int paren = skipTrivia(t, end);
                    if (paren < n && t.charAt(paren) == '(' && codeArguments(t, paren)) {
                        return PhpDetector.EXTENSION_CALL;
                    }
                }
                i = end - 1;
            } else if (c == '$' && variableCall(t, i)) {
                return PhpDetector.VARIABLE_CALL;
            } else if ((c == '\'' || c == '"') && stringCall(t, i, scratch)) {
                return PhpDetector.VARIABLE_CALL;
            } else if ((c == '(' || c == '[') && groupCall(t, i, scratch)) {
                return PhpDetector.VARIABLE_CALL;
            }
        }
        return null;
    }

    /**
     * {@code prefix_word_word...}: an extension prefix and at least two more words of lower-case
     * letters and digits, which is how PHP names every function of an extension. One more word
     * ({@code mysql_data}, {@code stream_id}) is left alone: such names are common in any code.
     */
    static boolean extensionFunction(CharSequence t, int from, int to) {
        int first = -1;
        int words = 0;
        for (int k = from; k < to; k++) {
            if (t.charAt(k) == '_') {
                if (k == from || t.charAt(k - 1) == '_' || k + 1 == to) {
                    return false;
                }
                if (first < 0) {
                    first = k;
                }
                words++;
            }
        }
        return words >= 2 && PhpDetector.EXTENSION_PREFIXES.contains(t, from, first);
    }

    /**
     * Arguments that only code has: none, a literal, a variable, or the value ending at the
     * parenthesis (a probe of which names get through). A bare word is left alone, as the name
     * alone decides nothing: {@code pg_some_thing(note)} reads as prose as much as code.
     */
    private static boolean codeArguments(CharSequence t, int paren) {
        int arg = Ascii.skipSpaces(t, paren + 1);
        if (arg >= t.length()) {
            return true;
        }
        char a = t.charAt(arg);
        return a == ')' || a == '\'' || a == '"' || a == '$' || Ascii.isDigit(a);
    }

    /**
     * Whether the parenthesis after a function name opens a real call: any argument list for the
     * distinctive names; for names that are English words, an argument that looks like code (a
     * quote, a variable, a number, an immediate close) or the name standing where code stands.
     */
    private static boolean callArguments(CharSequence t, int name, int nameEnd, int paren) {
        int arg = Ascii.skipSpaces(t, paren + 1);
        if (PhpDetector.FUNCTIONS.contains(t, name, nameEnd)) {
            return true;
        }
        if (arg >= t.length()) {
            return false;
        }
        char a = t.charAt(arg);
        if (a == '\'' || a == '"' || a == '$' || a == ')' || a == '@' || a == '`' || Ascii.isDigit(a)) {
            return true;
        }
        char before = name == 0 ? ';' : t.charAt(name - 1);
        int argumentEnd = Ascii.wordEnd(t, arg);
        boolean singleIdentifier = argumentEnd > arg && argumentEnd < t.length() && t.charAt(argumentEnd) == ')';
        return (before == ';' || before == '=' || before == '(' || before == '{' || before == '.' || before == '@' || before == '!'
                || before == ',' || before == '?' || before == ':') && Ascii.isLetter(a) && singleIdentifier;
    }

    /** {@code $f(}, {@code $$f(}, {@code $a['x'][1](}, {@code $o->$m(}, <code>${'a'}(</code>, comments allowed between. */
    private static boolean variableCall(CharSequence t, int i) {
        int n = t.length();
        int k = i + 1;
        while (k < n && t.charAt(k) == '$') {
            k++;
        }
        if (k < n && t.charAt(k) == '{') {
            int close = matching(t, k, '{', '}');
            if (close < 0 || Ascii.skipSpaces(t, k + 1) == close) {
                return false;
            }
            k = close + 1;
        } else {
            int end = Ascii.wordEnd(t, k);
            if (end == k || Ascii.isDigit(t.charAt(k))) {
                return false;
            }
            k = end;
        }
        for (int steps = 0; steps < 8; steps++) {
            k = skipTrivia(t, k);
            if (k >= n) {
                return false;
            }
            char c = t.charAt(k);
            if (c == '(') {
                return true;
            }
            if (c == '[') {
                int close = matching(t, k, '[', ']');
                if (close < 0) {
                    return false;
                }
                k = close + 1;
            } else if (c == '-' && k + 1 < n && t.charAt(k + 1) == '>' || c == ':' && k + 1 < n && t.charAt(k + 1) == ':') {
                k += 2;
                if (k < n && t.charAt(k) == '$') {
                    k++;
                }
                int end = Ascii.wordEnd(t, k);
                if (end == k) {
                    return false;
                }
                k = end;
            } else {
                return false;
            }
        }
        return false;
    }

    /** {@code $ {'a'}}, <code>${$a}</code>: a variable variable, named by an expression. */
    static boolean variableVariable(CharSequence t) {
        for (int i = 0, n = t.length(); i < n; i++) {
            if (t.charAt(i) == '$') {
                int brace = Ascii.skipSpaces(t, i + 1);
                if (brace < n && t.charAt(brace) == '{') {
                    int inner = Ascii.skipSpaces(t, brace + 1);
                    if (inner < n && (t.charAt(inner) == '\'' || t.charAt(inner) == '"' || t.charAt(inner) == '$')) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A string literal that names a function and is called ({@code "system"(...)}), or a chain of
     * literals concatenated into a function name ({@code 'sys'.'tem'}).
     */
    private static boolean stringCall(CharSequence t, int open, StringBuilder name) {
        name.setLength(0);
        int k = open;
        int literals = 0;
        int n = t.length();
        while (k < n && literals < 8) {
            char quote = t.charAt(k);
            if (quote != '\'' && quote != '"') {
                break;
            }
            int close = k + 1;
            while (close < n && close < k + GROUP && t.charAt(close) != quote) {
                if (!Ascii.isSpace(t.charAt(close))) {
                    name.append(t.charAt(close));
                }
                close++;
            }
            if (close >= n || t.charAt(close) != quote) {
                return false;
            }
            literals++;
            k = skipTrivia(t, close + 1);
            if (k < n && t.charAt(k) == '.') {
                k = skipTrivia(t, k + 1);
            } else {
                break;
            }
        }
        boolean function = isFunction(name);
        if (literals >= 2 && function) {
            return true;
        }
        return function && k < n && t.charAt(k) == '(';
    }

    /** {@code (system)(...)}, {@code ("sys"."tem")(...)}, {@code [system][0](...)}: a call of a parenthesised name. */
    private static boolean groupCall(CharSequence t, int open, StringBuilder name) {
        char close = t.charAt(open) == '(' ? ')' : ']';
        int end = matching(t, open, t.charAt(open), close);
        if (end < 0) {
            return false;
        }
        int k = skipTrivia(t, end + 1);
        while (k < t.length() && t.charAt(k) == '[') {
            int index = matching(t, k, '[', ']');
            if (index < 0) {
                return false;
            }
            k = skipTrivia(t, index + 1);
        }
        if (k >= t.length() || t.charAt(k) != '(') {
            return false;
        }
        name.setLength(0);
        for (int i = open + 1; i < end; i++) {
            char c = t.charAt(i);
            if (c == '/' && i + 1 < end && t.charAt(i + 1) == '*') {
                int stop = Ascii.indexOf(t, "*/", i + 2, end);
                i = stop < 0 ? end : stop + 1;
            } else if (Ascii.isWord(c)) {
                name.append(c);
            }
        }
        if (name.length() > 6 && Ascii.matchesAt(name, 0, "string")) {
            name.delete(0, 6); // a (string) cast in front of the name
        }
        return isFunction(name);
    }

    private static boolean isFunction(CharSequence name) {
        return PhpDetector.FUNCTIONS.contains(name) || PhpDetector.COMMON_FUNCTIONS.contains(name);
    }

    /** Index of the bracket closing the one at {@code open} (nesting counted), within {@link #GROUP} characters, or -1. */
    private static int matching(CharSequence t, int open, char o, char c) {
        int depth = 0;
        for (int k = open, end = Math.min(t.length(), open + GROUP); k < end; k++) {
            char ch = t.charAt(k);
            if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** Skips whitespace and PHP comments ({@code /* *}{@code /}, {@code //} to the end of the line), bounded. */
    static int skipTrivia(CharSequence t, int i) {
        int n = t.length();
        for (int guard = 0; guard < 8; guard++) {
            i = Ascii.skipSpaces(t, i);
            if (i + 1 < n && t.charAt(i) == '/' && t.charAt(i + 1) == '*') {
                int end = Ascii.indexOf(t, "*/", i + 2, i + 256);
                if (end < 0) {
                    return i;
                }
                i = end + 2;
            } else if (i + 1 < n && t.charAt(i) == '/' && t.charAt(i + 1) == '/') {
                int end = i + 2;
                while (end < n && end < i + 256 && t.charAt(end) != '\n') {
                    end++;
                }
                if (end >= n || t.charAt(end) != '\n') {
                    return i;
                }
                i = end + 1;
            } else {
                return i;
            }
        }
        return i;
    }
}
