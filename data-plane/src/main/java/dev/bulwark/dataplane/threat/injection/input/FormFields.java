package dev.bulwark.dataplane.threat.injection.input;

/**
 * Splits {@code application/x-www-form-urlencoded} text (a query string or a form body) and cookie
 * headers into name/value pairs, without decoding: the engine's normaliser decodes.
 */
public final class FormFields {
    private FormFields() {
    }

    /** {@code a=1&b=2}: pairs split on {@code &}; a field without {@code =} is a name with an empty value. */
    public static boolean split(CharSequence text, InputSink.Source source, InputSink sink) {
        Slice name = new Slice();
        Slice value = new Slice();
        int n = text.length();
        for (int start = 0; start <= n; ) {
            int end = indexOf(text, '&', start, n);
            if (end > start) {
                int eq = indexOf(text, '=', start, end);
                name.set(text, start, eq);
                value.set(text, Math.min(eq + 1, end), end);
                if (sink.parameter(source, name, value)) {
                    return true;
                }
            }
            start = end + 1;
        }
        return false;
    }

    /**
     * {@code Cookie: a=1; b=2}: pairs split on {@code ;}, trimmed. A cookie without {@code =} is a
     * value with an empty name (browsers send such "nameless" cookies).
     */
    public static boolean cookies(CharSequence header, InputSink sink) {
        Slice name = new Slice();
        Slice value = new Slice();
        int n = header.length();
        for (int start = 0; start < n; ) {
            int end = indexOf(header, ';', start, n);
            int from = trimStart(header, start, end);
            int to = trimEnd(header, from, end);
            if (to > from) {
                int eq = indexOf(header, '=', from, to);
                if (eq == to) {
                    name.set(header, from, from);
                    value.set(header, from, to);
                } else {
                    name.set(header, from, trimEnd(header, from, eq));
                    value.set(header, trimStart(header, eq + 1, to), to);
                }
                if (sink.parameter(InputSink.Source.COOKIE, name, value)) {
                    return true;
                }
            }
            start = end + 1;
        }
        return false;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }

    private static int trimStart(CharSequence s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(CharSequence s, int from, int to) {
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return to;
    }
}
