package dev.bulwark.dataplane.threat.injection.input;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * Reads an XML document as a tokenizer, not a parser (nothing is resolved, no entity is expanded):
 * hands every text node, CDATA section, attribute value and processing instruction to the sink
 * with a location built from the element path ({@code body/order/item/@id}), and the document type
 * declaration whole, since that is where external entities are declared. Markup itself is not an
 * input: an XML API's own tags are not an attack. One forward pass; unterminated constructs end
 * the walk (the rest is inspected as text by the caller).
 */
final class XmlWalker {
    static final int MAX_DEPTH = 64;

    private final StringBuilder location = new StringBuilder(64);
    private final int[] segment = new int[MAX_DEPTH + 1];
    private final Slice slice = new Slice();

    /** Returns whether the sink asked to stop; {@code malformed[0]} is set when the walk could not finish. */
    boolean walk(CharSequence xml, String prefix, InputSink sink, boolean[] malformed) {
        location.setLength(0);
        location.append(prefix);
        int depth = 0;
        int n = xml.length();
        int i = 0;
        while (i < n) {
            int lt = indexOf(xml, '<', i);
            if (lt > i && !blank(xml, i, lt) && sink.value(InputKind.XML_VALUE, location, slice.set(xml, i, lt))) {
                return true;
            }
            if (lt >= n) {
                return false;
            }
            if (startsWith(xml, lt, "<!--")) {
                i = end(xml, lt + 4, "-->");
            } else if (startsWith(xml, lt, "<![cdata[")) {
                int close = indexOf(xml, "]]>", lt + 9);
                if (sink.value(InputKind.XML_VALUE, location, slice.set(xml, lt + 9, Math.min(close, n)))) {
                    return true;
                }
                i = close + 3;
            } else if (startsWith(xml, lt, "<!")) {
                int close = doctypeEnd(xml, lt);
                if (sink.value(InputKind.XML_DOCTYPE, location, slice.set(xml, lt, Math.min(close, n)))) {
                    return true;
                }
                i = close;
            } else if (startsWith(xml, lt, "<?")) {
                int close = indexOf(xml, "?>", lt + 2);
                boolean declaration = startsWith(xml, lt, "<?xml") && (lt + 5 >= n || isSpaceOrEnd(xml, lt + 5));
                if (!declaration && sink.value(InputKind.XML_VALUE, location, slice.set(xml, lt, Math.min(close + 2, n)))) {
                    return true;
                }
                i = close + 2;
            } else if (lt + 1 < n && xml.charAt(lt + 1) == '/') {
                if (depth > 0) {
                    location.setLength(segment[depth--]);
                }
                i = indexOf(xml, '>', lt) + 1;
            } else {
                int close = tag(xml, lt, depth, sink);
                if (close < 0) {
                    return true;
                }
                boolean selfClosing = close > 0 && xml.charAt(close - 1) == '/';
                if (selfClosing || close >= n) {
                    location.setLength(segment[depth + 1]);
                } else if (++depth == MAX_DEPTH) {
                    malformed[0] = true; // deeper than any document worth walking: the caller reads it as text
                    return false;
                }
                i = close + 1;
            }
            if (i > n) {
                malformed[0] = true;
                return false;
            }
        }
        return false;
    }

    /** Reads a start tag at {@code lt}, emitting its attribute values; returns the index of its {@code >}, or -1 to stop. */
    private int tag(CharSequence xml, int lt, int depth, InputSink sink) {
        int n = xml.length();
        int nameEnd = lt + 1;
        while (nameEnd < n && !Ascii.isSpace(xml.charAt(nameEnd)) && xml.charAt(nameEnd) != '>' && xml.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        segment[depth + 1] = location.length();
        location.append('/').append(xml, lt + 1, nameEnd);
        int elementEnd = location.length();
        int i = nameEnd;
        while (i < n && xml.charAt(i) != '>') {
            char c = xml.charAt(i);
            if (c == '"' || c == '\'') {
                int close = indexOf(xml, c, i + 1);
                int nameStart = attributeName(xml, lt, i);
                location.setLength(elementEnd);
                location.append("/@").append(xml, nameStart, Math.max(nameStart, equalsBefore(xml, i)));
                boolean stop = sink.value(InputKind.XML_VALUE, location, slice.set(xml, i + 1, Math.min(close, n)));
                location.setLength(elementEnd);
                if (stop) {
                    return -1;
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return Math.min(i, n);
    }

    /** Start of the attribute name that precedes the {@code =} before the quote at {@code quote}. */
    private static int attributeName(CharSequence xml, int lt, int quote) {
        int i = equalsBefore(xml, quote);
        while (i > lt && Ascii.isSpace(xml.charAt(i - 1))) {
            i--;
        }
        while (i > lt && !Ascii.isSpace(xml.charAt(i - 1)) && xml.charAt(i - 1) != '"' && xml.charAt(i - 1) != '\'') {
            i--;
        }
        return i;
    }

    private static int equalsBefore(CharSequence xml, int quote) {
        int i = quote;
        while (i > 0 && Ascii.isSpace(xml.charAt(i - 1))) {
            i--;
        }
        return i > 0 && xml.charAt(i - 1) == '=' ? i - 1 : quote;
    }

    /** End of a {@code <!DOCTYPE ...>} declaration, past its internal subset ({@code [...]}) if any. */
    private static int doctypeEnd(CharSequence xml, int lt) {
        int n = xml.length();
        boolean subset = false;
        for (int i = lt + 2; i < n; i++) {
            char c = xml.charAt(i);
            if (c == '[') {
                subset = true;
            } else if (c == ']') {
                subset = false;
            } else if (c == '>' && !subset) {
                return i + 1;
            }
        }
        return n;
    }

    private static boolean blank(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code lower} is a lower-case literal. */
    private static boolean startsWith(CharSequence s, int at, String lower) {
        return Ascii.matchesAt(s, at, lower);
    }

    private static int end(CharSequence s, int from, String terminator) {
        return indexOf(s, terminator, from) + terminator.length();
    }

    private static int indexOf(CharSequence s, char c, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return s.length();
    }

    private static int indexOf(CharSequence s, String needle, int from) {
        int at = Ascii.indexOf(s, needle, from);
        return at < 0 ? s.length() : at;
    }

    private static boolean isSpaceOrEnd(CharSequence s, int i) {
        return i >= s.length() || Ascii.isSpace(s.charAt(i)) || s.charAt(i) == '?';
    }
}
