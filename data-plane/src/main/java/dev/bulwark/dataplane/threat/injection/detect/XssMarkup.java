package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/**
 * Tokenises markup the way a browser's HTML tokenizer does (tag open, tag name, attributes and
 * their values) and judges what a tag would do: run script, load or redirect to a resource, or
 * hand an attribute to the script engine. Also reads the encodings browsers historically decoded
 * for a tag opener: UTF-7 ({@code +ADw-}) and 7-bit-stripped Latin-1 ({@code ¼}).
 */
final class XssMarkup {
    private static final int TAG_WINDOW = 2048;

    /** Elements that execute script, embed or load active content, redirect, restyle or reparse the page. */
    private static final WordSet DANGEROUS = WordSet.of("script", "iframe", "frame", "frameset", "object", "embed", "applet",
            "base", "meta", "link", "style", "form", "isindex", "import", "vmlframe", "portal", "bgsound", "layer", "ilayer", "xss",
            "handler", "listener", "xml", "noscript", "noembed", "noframes", "xmp", "plaintext");
    /** Attributes whose value is a URL the browser loads or navigates to, or markup it renders. */
    private static final WordSet URL_ATTRIBUTES = WordSet.of("href", "src", "action", "formaction", "data", "background",
            "lowsrc", "dynsrc", "xlink:href", "poster", "codebase", "srcdoc", "style", "content", "to", "from", "values", "by",
            "code", "archive", "classid", "cite", "longdesc", "usemap", "profile", "ping", "manifest", "srcset", "icon");
    private static final WordSet XML_ATTRIBUTES = WordSet.of("xmlns", "xlink:href", "xsi:schemalocation", "xsi:nonamespaceschemalocation",
            "xml:base");

    private XssMarkup() {
    }

    static Rule scan(CharSequence t, boolean strict) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            int nameStart;
            boolean markup = c == '<';
            if (c == '<' || c == '\u00BC') {
                nameStart = i + 1;
            } else if (c == 'A' && i > 0 && (t.charAt(i - 1) == '+' || t.charAt(i - 1) == ' ') && Ascii.matchesAt(t, i, "adw-")) {
                nameStart = i + 4; // UTF-7 "+ADw-" is '<'
            } else {
                continue;
            }
            if (nameStart < n && t.charAt(nameStart) == '/') {
                nameStart++;
            } else if (markup && nameStart < n && t.charAt(nameStart) == '?' && Ascii.matchesAt(t, nameStart + 1, "import")) {
                nameStart++; // <?import implementation=...>: IE's behaviour import
            }
            if (markup && spacedName(t, nameStart)) {
                return XssDetector.DANGEROUS_TAG;
            }
            Rule rule = tag(t, nameStart, markup, strict);
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    /**
     * Judges the tag whose name starts at {@code i}. Attributes are read only after a real {@code <};
     * the scan stops at the next {@code <}, so no two scans overlap and the whole stays linear.
     */
    private static Rule tag(CharSequence t, int i, boolean markup, boolean strict) {
        int n = t.length();
        int nameEnd = i;
        while (nameEnd < n && (Ascii.isLetter(t.charAt(nameEnd)) || Ascii.isDigit(t.charAt(nameEnd)) || t.charAt(nameEnd) == ':'
                || t.charAt(nameEnd) == '-' || t.charAt(nameEnd) == '_')) {
            nameEnd++;
        }
        if (nameEnd == i || !Ascii.isLetter(t.charAt(i))) {
            return null;
        }
        int local = i;
        for (int k = nameEnd - 1; k > i; k--) {
            if (t.charAt(k) == ':') {
                local = k + 1; // x:script is script in the XHTML namespace
                break;
            }
        }
        if (nameEnd < n && !markup && !Ascii.isSpace(t.charAt(nameEnd)) && t.charAt(nameEnd) != '\u00BE'
                && !Ascii.matchesAt(t, nameEnd, "+ad4-") && !Ascii.matchesAt(t, nameEnd, " ad4-")) {
            return null; // an encoded opener must be followed by an encoded closer or a space to count as a tag
        }
        if (nameEnd - local == 6 && Ascii.matchesAt(t, local, "script")) {
            return XssDetector.SCRIPT_TAG;
        }
        Rule attribute = markup ? attributes(t, nameEnd) : null;
        if (attribute != null) {
            return attribute;
        }
        if (DANGEROUS.contains(t, local, nameEnd)) {
            return XssDetector.DANGEROUS_TAG;
        }
        return strict ? XssDetector.HTML_TAG : null;
    }

    /** Reads the attributes of a tag from {@code i} to its {@code >}, and judges each. */
    private static Rule attributes(CharSequence t, int i) {
        int n = t.length();
        int end = Math.min(n, i + TAG_WINDOW);
        while (i < end) {
            char c = t.charAt(i);
            if (c == '>' || c == '<') {
                return null;
            }
            if (Ascii.isSpace(c) || c == '/' || c == '"' || c == '\'') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < end && !Ascii.isSpace(t.charAt(i)) && t.charAt(i) != '=' && t.charAt(i) != '>' && t.charAt(i) != '/'
                    && t.charAt(i) != '<') {
                i++;
            }
            int nameEnd = i;
            int eq = Ascii.skipSpaces(t, i);
            int valueStart = -1;
            int valueEnd = -1;
            if (eq < end && t.charAt(eq) == '=') {
                int v = Ascii.skipSpaces(t, eq + 1);
                if (v < end && (t.charAt(v) == '"' || t.charAt(v) == '\'' || t.charAt(v) == '`')) {
                    char quote = t.charAt(v);
                    valueStart = v + 1;
                    valueEnd = valueStart;
                    while (valueEnd < end && t.charAt(valueEnd) != quote && t.charAt(valueEnd) != '<') {
                        valueEnd++;
                    }
                    if (valueEnd < end && t.charAt(valueEnd) == '<') {
                        // markup inside a quoted value: a srcdoc renders it; anyway it is scanned as its own tag
                        boolean srcdoc = nameEnd - nameStart == 6 && Ascii.matchesAt(t, nameStart, "srcdoc");
                        return srcdoc ? XssDetector.SCRIPT_URL : null;
                    }
                    i = valueEnd + 1;
                } else {
                    valueStart = v;
                    valueEnd = v;
                    while (valueEnd < end && !Ascii.isSpace(t.charAt(valueEnd)) && t.charAt(valueEnd) != '>' && t.charAt(valueEnd) != '<') {
                        valueEnd++;
                    }
                    i = valueEnd;
                }
            }
            if (nameEnd - nameStart > 4 && Ascii.matchesAt(t, nameStart, "on") && letters(t, nameStart + 2, nameEnd) && valueStart >= 0) {
                return XssDetector.EVENT_HANDLER;
            }
            if (valueStart >= 0 && URL_ATTRIBUTES.contains(t, nameStart, nameEnd) && activeValue(t, nameStart, nameEnd, valueStart, valueEnd)) {
                return XssDetector.SCRIPT_URL;
            }
            if (XML_ATTRIBUTES.contains(t, nameStart, nameEnd) || Ascii.matchesAt(t, nameStart, "xmlns:")
                    || nameEnd - nameStart == 8 && Ascii.matchesAt(t, nameStart, "language")) {
                return XssDetector.XML_INJECTION;
            }
            if (i == nameStart) {
                i++;
            }
        }
        return null;
    }

    /**
     * A dangerous tag name spelled with single spaces between its letters ({@code <s c r i p t},
     * {@code <f o r m}): a classic way past filters that look for the name in one piece.
     */
    private static boolean spacedName(CharSequence t, int i) {
        int n = t.length();
        if (i + 2 >= n || !Ascii.isLetter(t.charAt(i)) || t.charAt(i + 1) != ' ' || !Ascii.isLetter(t.charAt(i + 2))) {
            return false;
        }
        char[] name = new char[12];
        int count = 0;
        int k = i;
        while (count < name.length && k < n && Ascii.isLetter(t.charAt(k))) {
            name[count++] = Ascii.lower(t.charAt(k));
            if (k + 2 < n && t.charAt(k + 1) == ' ' && Ascii.isLetter(t.charAt(k + 2))) {
                k += 2;
            } else {
                k++;
                break;
            }
        }
        return count >= 4 && (k >= n || !Ascii.isLetter(t.charAt(k))) && DANGEROUS.contains(new String(name, 0, count));
    }

    /** A URL attribute's value that runs script: a script scheme, markup (srcdoc), or a CSS expression. */
    private static boolean activeValue(CharSequence t, int name, int nameEnd, int from, int to) {
        int v = from;
        while (v < to && (Ascii.isSpace(t.charAt(v)) || t.charAt(v) < 0x20)) {
            v++;
        }
        if (XssScript.scriptScheme(t, v, to) > 0 || XssScript.schemeInside(t, v, to)) {
            return true;
        }
        if (nameEnd - name == 5 && Ascii.matchesAt(t, name, "style")) {
            return Ascii.indexOf(t, "expression", from, to) >= 0 || Ascii.indexOf(t, "-moz-binding", from, to) >= 0
                    || Ascii.indexOf(t, "behavior", from, to) >= 0 || Ascii.indexOf(t, "javascript", from, to) >= 0;
        }
        return false;
    }

    private static boolean letters(CharSequence t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isLetter(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
