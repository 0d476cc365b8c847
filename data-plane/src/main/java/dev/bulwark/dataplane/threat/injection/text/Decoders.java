package dev.bulwark.dataplane.threat.injection.text;

/** One decoding round of {@link Normalizer}: every decoder in a single forward pass. */
final class Decoders {
    /** Named character references attackers use to spell syntax; letters are not needed to see an attack. */
    private static final String[][] ENTITIES = {
        {"lt", "<"}, {"gt", ">"}, {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}, {"tab", "\t"},
        {"newline", "\n"}, {"colon", ":"}, {"sol", "/"}, {"bsol", "\\"}, {"lpar", "("}, {"rpar", ")"},
        {"lbrace", "{"}, {"rbrace", "}"}, {"lcub", "{"}, {"rcub", "}"}, {"lbrack", "["}, {"rbrack", "]"},
        {"lsqb", "["}, {"rsqb", "]"}, {"dollar", "$"}, {"num", "#"}, {"percnt", "%"}, {"excl", "!"},
        {"quest", "?"}, {"semi", ";"}, {"comma", ","}, {"period", "."}, {"equals", "="}, {"plus", "+"},
        {"ast", "*"}, {"midast", "*"}, {"commat", "@"}, {"grave", "`"}, {"hat", "^"}, {"lowbar", "_"},
        {"underbar", "_"}, {"vert", "|"}, {"verbar", "|"}, {"verticalline", "|"}, {"backslash", "\\"},
        {"lowast", "*"}, {"dash", "-"}, {"hyphen", "-"}, {"minus", "-"},
    };
    private static final WordSet NAMES;
    private static final char[] VALUES;

    static {
        String[] names = new String[ENTITIES.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = ENTITIES[i][0];
        }
        NAMES = WordSet.of(names);
        VALUES = new char[NAMES.capacity()];
        for (String[] entity : ENTITIES) {
            VALUES[NAMES.slot(entity[0], 0, entity[0].length())] = entity[1].charAt(0);
        }
    }

    private Decoders() {
    }

    /** Decodes {@code in} into {@code out}; returns whether anything was decoded. */
    static boolean decodeOnce(CharSequence in, StringBuilder out) {
        boolean changed = false;
        int n = in.length();
        for (int i = 0; i < n; ) {
            char c = in.charAt(i);
            int consumed = switch (c) {
                case '%' -> percent(in, i, out);
                case '&' -> entity(in, i, out);
                case '\\' -> escape(in, i, out);
                default -> 0;
            };
            if (consumed > 0) {
                changed = true;
                i += consumed;
            } else {
                out.append(c);
                i++;
            }
        }
        return changed;
    }

    private static int percent(CharSequence s, int i, StringBuilder out) {
        int b = Utf8.percentByte(s, i);
        if (b >= 0) {
            if (b < 0x80) {
                out.append((char) b);
                return 3;
            }
            int consumed = Utf8.decodePercent(s, i, out);
            if (consumed > 0) {
                return consumed;
            }
            out.append((char) b); // not UTF-8: the byte as Latin-1
            return 3;
        }
        if (i + 5 < s.length() && (s.charAt(i + 1) | 0x20) == 'u' && hex(s, i + 2, 4)) {
            out.append((char) hexValue(s, i + 2, 4));
            return 6;
        }
        return 0;
    }

    private static int escape(CharSequence s, int i, StringBuilder out) {
        if (i + 1 >= s.length()) {
            return 0;
        }
        char kind = s.charAt(i + 1);
        if (kind == 'u' && i + 2 < s.length() && s.charAt(i + 2) == '{') {
            int end = i + 3;
            while (end < s.length() && end < i + 10 && Ascii.isHex(s.charAt(end))) {
                end++;
            }
            if (end > i + 3 && end < s.length() && s.charAt(end) == '}') {
                int cp = hexValue(s, i + 3, end - i - 3);
                if (cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
                    out.appendCodePoint(cp);
                    return end + 1 - i;
                }
            }
            return 0;
        }
        if ((kind == 'u' || kind == 'U') && hex(s, i + 2, 4)) {
            out.append((char) hexValue(s, i + 2, 4));
            return 6;
        }
        if ((kind == 'x' || kind == 'X') && hex(s, i + 2, 2)) {
            out.append((char) hexValue(s, i + 2, 2));
            return 4;
        }
        return 0;
    }

    private static int entity(CharSequence s, int i, StringBuilder out) {
        int n = s.length();
        if (i + 2 < n && s.charAt(i + 1) == '#') {
            boolean hexadecimal = (s.charAt(i + 2) | 0x20) == 'x';
            int start = i + (hexadecimal ? 3 : 2);
            int end = start;
            long value = 0;
            while (end < n && (hexadecimal ? Ascii.isHex(s.charAt(end)) : Ascii.isDigit(s.charAt(end)))) {
                value = Math.min(0x110000, value * (hexadecimal ? 16 : 10) + Ascii.hexValue(s.charAt(end)));
                end++;
            }
            if (end == start || value > 0x10FFFF || value >= 0xD800 && value <= 0xDFFF) {
                return 0;
            }
            out.appendCodePoint((int) value);
            return (end < n && s.charAt(end) == ';' ? end + 1 : end) - i;
        }
        int end = i + 1;
        while (end < n && end - i <= NAMES.maxLength() && Ascii.isLetter(s.charAt(end))) {
            end++;
        }
        int slot = NAMES.slot(s, i + 1, end);
        if (slot < 0) {
            return 0;
        }
        boolean semicolon = end < n && s.charAt(end) == ';';
        if (!semicolon && !legacy(s, i + 1, end)) {
            return 0;
        }
        out.append(VALUES[slot]);
        return (semicolon ? end + 1 : end) - i;
    }

    /** The references HTML accepts without the semicolon. */
    private static boolean legacy(CharSequence s, int from, int to) {
        int length = to - from;
        return length == 2 && (Ascii.matchesAt(s, from, "lt") || Ascii.matchesAt(s, from, "gt"))
                || length == 3 && Ascii.matchesAt(s, from, "amp") || length == 4 && Ascii.matchesAt(s, from, "quot");
    }

    private static boolean hex(CharSequence s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int k = 0; k < count; k++) {
            if (!Ascii.isHex(s.charAt(from + k))) {
                return false;
            }
        }
        return true;
    }

    private static int hexValue(CharSequence s, int from, int count) {
        int value = 0;
        for (int k = 0; k < count; k++) {
            value = value << 4 | Ascii.hexValue(s.charAt(from + k));
        }
        return value;
    }
}
