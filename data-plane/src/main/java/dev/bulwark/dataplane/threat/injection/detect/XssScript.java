package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/**
 * Script without markup: URLs with a script scheme, and JavaScript that reaches the page's
 * dangerous objects (cookies, location, document writing), opens dialogs, evaluates strings, calls
 * through tagged templates, or is written in JSFuck. JavaScript comments and whitespace between
 * the parts of an expression are skipped, as the engine skips them.
 */
final class XssScript {
    private static final String[] SCRIPT_SCHEMES = {"javascript:", "vbscript:", "livescript:", "mocha:"};
    private static final String[] DATA_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml",
        "application/xml", "text/javascript", "application/javascript", "application/x-javascript", "text/ecmascript"};
    static final WordSet GLOBALS = WordSet.of("document", "window", "self", "top", "parent", "frames", "globalthis",
            "opener", "content", "location");
    private static final WordSet MEMBERS = WordSet.of("cookie", "domain", "write", "writeln", "location", "body", "createelement",
            "execcommand", "open", "eval", "alert", "prompt", "confirm", "atob", "fetch", "xmlhttprequest", "settimeout",
            "setinterval", "function", "constructor", "localstorage", "sessionstorage", "opener", "navigate", "globaleval",
            "importscripts", "postmessage", "href", "assign", "replace", "referrer", "documentelement", "head", "getscript",
            "innerhtml", "outerhtml");
    /** Functions whose call in a value is script: dialogs, evaluators, decoders used to hide payloads. */
    static final WordSet CALLS = WordSet.of("alert", "prompt", "confirm", "eval", "atob", "fromcharcode", "settimeout",
            "setinterval", "execscript", "globaleval", "getscript", "importscripts", "unescape", "msgbox");
    /** Members called through a tagged template (name`...`): a call without parentheses. */
    static final WordSet TEMPLATE_CALLS = WordSet.of("alert", "prompt", "confirm", "eval", "call", "apply", "bind",
            "function", "constructor", "settimeout", "setinterval", "atob", "fromcharcode", "navigate", "open", "write",
            "globaleval", "import");

    private XssScript() {
    }

    /** Length of a script scheme at {@code i} (control characters inside the name skipped, as browsers do), or 0. */
    static int scriptScheme(CharSequence t, int i, int to) {
        for (String scheme : SCRIPT_SCHEMES) {
            int end = matchLoose(t, i, to, scheme);
            if (end > 0) {
                return end - i;
            }
        }
        int data = matchLoose(t, i, to, "data:");
        if (data > 0) {
            int type = Ascii.skipSpaces(t, data);
            for (String mime : DATA_TYPES) {
                if (Ascii.matchesAt(t, type, mime)) {
                    return type + mime.length() - i;
                }
            }
        }
        return 0;
    }

    /** A script scheme later in a value, after a character that can end a URL prefix ({@code url(javascript:}, {@code 0;url=vbscript:}). */
    static boolean schemeInside(CharSequence t, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            char before = t.charAt(i - 1);
            if ((before == '(' || before == '=' || before == '"' || before == '\'' || before == ',' || before == ';')
                    && scriptScheme(t, i, to) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Matches {@code lower} at {@code i}, skipping tab, CR and LF between its letters; returns the end, or 0. */
    private static int matchLoose(CharSequence t, int i, int to, String lower) {
        int k = i;
        for (int j = 0; j < lower.length(); j++) {
            while (j > 0 && k < to && (t.charAt(k) == '\t' || t.charAt(k) == '\n' || t.charAt(k) == '\r')) {
                k++;
            }
            if (k >= to || Ascii.lower(t.charAt(k)) != lower.charAt(j)) {
                return 0;
            }
            k++;
        }
        return k;
    }

    /** A script URL standing where a URL would be read: at the start of the value, after =, (, a quote, or glued to its payload. */
    static boolean scriptUrl(CharSequence t) {
        int n = t.length();
        int start = 0;
        while (start < n && (Ascii.isSpace(t.charAt(start)) || t.charAt(start) == '"' || t.charAt(start) == '\'' || t.charAt(start) < 0x20)) {
            start++;
        }
        for (int i = 0; i < n; i++) {
            char c = Ascii.lower(t.charAt(i));
            if (c != 'j' && c != 'v' && c != 'l' && c != 'd' && c != 'm' || i > 0 && Ascii.isLetter(t.charAt(i - 1))) {
                continue;
            }
            int length = scriptScheme(t, i, n);
            if (length == 0) {
                continue;
            }
            int after = i + length;
            char before = i == 0 ? '=' : t.charAt(i - 1);
            boolean urlContext = i == start || before == '=' || before == '(' || before == '"' || before == '\'' || before == ':'
                    || before == '`';
            boolean glued = after < n && !Ascii.isSpace(t.charAt(after));
            if (urlContext || glued) {
                return true;
            }
        }
        return false;
    }

    /** JavaScript reaching dangerous objects, evaluating, opening dialogs, calling through templates, or JSFuck. */
    static boolean javascript(CharSequence t, Subject s) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (!Ascii.isLetter(c) || i > 0 && (Ascii.isWord(t.charAt(i - 1)) || t.charAt(i - 1) == '$')) {
                continue;
            }
            int end = Ascii.wordEnd(t, i);
            int next = skipTrivia(t, end);
            int member = next;
            for (int parens = 0; parens < 2 && member < n && t.charAt(member) == ')'; parens++) {
                member = skipTrivia(t, member + 1); // (document/*x*/)["cookie"]
            }
            if (GLOBALS.contains(t, i, end) && member < n && member(t, member)) {
                return true;
            }
            if (CALLS.contains(t, i, end) && next + 1 < n && t.charAt(next) == '('
                    && (next == end || !Ascii.matchesAt(t, i, "alert") && !Ascii.matchesAt(t, i, "prompt") && !Ascii.matchesAt(t, i, "confirm"))) {
                return true;
            }
            if (next < n && t.charAt(next) == '`' && (TEMPLATE_CALLS.contains(t, i, end) && memberAccess(t, i) || CALLS.contains(t, i, end))) {
                return true; // tagged template: name`...` calls name
            }
            if (Ascii.matchesAt(t, i, "new") && end == i + 3) {
                int f = Ascii.skipSpaces(t, end);
                if (Ascii.matchesAt(t, f, "function") && skipTrivia(t, f + 8) < n && t.charAt(skipTrivia(t, f + 8)) == '(') {
                    return true;
                }
            }
            i = end - 1;
        }
        return s.has(Subject.LBRACKET) && s.has(Subject.BANG | Subject.PLUS) && jsfuck(t);
    }

    /** Whether the identifier at {@code i} is reached through {@code .} (whitespace and comments allowed before it). */
    private static boolean memberAccess(CharSequence t, int i) {
        int k = i - 1;
        while (k >= 0 && i - k < 32 && (Ascii.isSpace(t.charAt(k)) || t.charAt(k) == '/' || t.charAt(k) == '*')) {
            k--;
        }
        return k >= 0 && t.charAt(k) == '.';
    }

    /** {@code .cookie}, {@code ["cookie"]}, {@code [/*x*}{@code /"alert"]}: a member of a global the page trusts. */
    private static boolean member(CharSequence t, int i) {
        int n = t.length();
        if (t.charAt(i) == '.') {
            int name = skipTrivia(t, i + 1);
            int end = Ascii.wordEnd(t, name);
            return end > name && MEMBERS.contains(t, name, end);
        }
        if (t.charAt(i) == '[') {
            int q = skipTrivia(t, i + 1);
            return q < n && (t.charAt(q) == '"' || t.charAt(q) == '\'' || t.charAt(q) == '`');
        }
        return false;
    }

    /**
     * JSFuck: JavaScript written with {@code []()!+} only. Its atoms ({@code !![]}, {@code !+[]},
     * <code>[][(</code>, {@code (![]}) never occur in text; weaker ones ({@code ![]}, {@code +[]}) count
     * inside a run of those characters. A {@code +} may arrive as a space (form encoding).
     */
    private static boolean jsfuck(CharSequence t) {
        if (Ascii.contains(t, "!![]") || Ascii.contains(t, "!+[]") || Ascii.contains(t, "[][(") || Ascii.contains(t, "(![]")
                || Ascii.contains(t, "! []") || Ascii.contains(t, "[][[]]")) {
            return true;
        }
        int n = t.length();
        int run = 0;
        int atoms = 0;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c == '[' || c == ']' || c == '(' || c == ')' || c == '!' || c == '+' || c == ' ') {
                run++;
                if (c == ']' && i >= 2 && t.charAt(i - 1) == '[' && (t.charAt(i - 2) == '!' || t.charAt(i - 2) == '+')) {
                    atoms++;
                }
                if (run >= 6 && atoms >= 1) {
                    return true;
                }
            } else {
                run = 0;
                atoms = 0;
            }
        }
        return false;
    }

    /** Skips whitespace and JavaScript comments, bounded. */
    static int skipTrivia(CharSequence t, int i) {
        return PhpCode.skipTrivia(t, i);
    }
}
