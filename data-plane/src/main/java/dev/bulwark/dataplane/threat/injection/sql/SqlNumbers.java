package dev.bulwark.dataplane.threat.injection.sql;

import static dev.bulwark.dataplane.threat.injection.sql.SqlTokens.*;

/** Values of literal tokens, read without allocating: numbers, and strings as MySQL coerces them. */
final class SqlNumbers {

    private SqlNumbers() {
    }

    /** The value of a number token (decimal, exponent, 0x hex, 0b binary); NaN when out of reach. */
    static double parse(SqlTokens t, int i) {
        CharSequence s = t.text;
        int from = t.start[i];
        int to = t.end[i];
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) | 0x20) == 'x') {
            return radix(s, from + 2, to, 16);
        }
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) | 0x20) == 'b') {
            return radix(s, from + 2, to, 2);
        }
        return decimal(s, from, to);
    }

    /** The numeric prefix of a string literal's content ('12abc' is 12, 'abc' is 0), as MySQL compares it. */
    static double prefix(SqlTokens t, int i) {
        int from = contentStart(t, i);
        int to = contentEnd(t, i);
        CharSequence s = t.text;
        while (from < to && SqlTokenizer.isSpace(s.charAt(from))) {
            from++;
        }
        int j = from;
        if (j < to && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
            j++;
        }
        int digitsFrom = j;
        while (j < to && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
            j++;
        }
        if (j == digitsFrom) {
            return 0;
        }
        double value = decimal(s, digitsFrom, j);
        return Double.isNaN(value) ? 0 : s.charAt(from) == '-' ? -value : value;
    }

    /** Compares the contents of two string literals, ignoring ASCII case. */
    static int compareText(SqlTokens t, int a, int b) {
        int i = contentStart(t, a);
        int ie = contentEnd(t, a);
        int j = contentStart(t, b);
        int je = contentEnd(t, b);
        CharSequence s = t.text;
        while (i < ie && j < je) {
            char x = SqlKeywords.lower(s.charAt(i++));
            char y = SqlKeywords.lower(s.charAt(j++));
            if (x != y) {
                return x - y;
            }
        }
        return Integer.compare(ie - i, je - j);
    }

    static int contentStart(SqlTokens t, int i) {
        if (t.is(i, INJECTED)) {
            return t.start[i];
        }
        int p = t.start[i];
        int end = t.end[i];
        if (t.detail[i] == '$') {
            int tag = p + 1;
            while (tag < end && t.text.charAt(tag) != '$') {
                tag++;
            }
            return Math.min(tag + 1, end);
        }
        while (p < end && SqlTokenizer.quoteClass(t.text.charAt(p)) != t.detail[i]) {
            p++;                                        // N'..', _utf8'..', U&'..'
        }
        return Math.min(p + 1, end);
    }

    static int contentEnd(SqlTokens t, int i) {
        if (t.is(i, UNTERMINATED)) {
            return t.end[i];
        }
        if (t.detail[i] == '$') {
            int tag = t.end[i] - 1;
            while (tag > t.start[i] && t.text.charAt(tag - 1) != '$') {
                tag--;
            }
            return Math.max(contentStart(t, i), tag - 1);
        }
        return Math.max(contentStart(t, i), t.end[i] - 1);
    }

    private static double radix(CharSequence s, int from, int to, int radix) {
        if (to - from > 15) {
            return Double.NaN;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * radix + Character.digit(s.charAt(i), radix);
        }
        return value;
    }

    private static double decimal(CharSequence s, int from, int to) {
        double value = 0;
        double scale = 0;
        int i = from;
        int digits = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return Double.NaN;
                }
                value = value * 10 + (c - '0');
                if (scale > 0) {
                    scale *= 10;
                }
            } else if (c == '.' && scale == 0) {
                scale = 1;
            } else {
                break;
            }
        }
        if (scale > 1) {
            value /= scale;
        }
        if (i < to && (s.charAt(i) | 0x20) == 'e') {
            int j = i + 1;
            boolean negative = j < to && s.charAt(j) == '-';
            if (j < to && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            int exponent = 0;
            for (; j < to && exponent < 400; j++) {
                exponent = exponent * 10 + (s.charAt(j) - '0');
            }
            value *= Math.pow(10, negative ? -exponent : exponent);
        }
        return value;
    }
}
