package dev.bulwark.dataplane.threat.injection.text;

/** UTF-8 decoding of byte sequences written as characters (0x80-0xFF) or as {@code %XX} escapes. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes one strict UTF-8 sequence whose bytes are the characters of {@code s} from {@code i}
     * (each in 0x00-0xFF), appending the code point. Returns the characters consumed, or 0 when the
     * characters there are not valid UTF-8 (then they are ordinary Latin-1 text).
     */
    static int decodeCharsAsBytes(CharSequence s, int i, StringBuilder out) {
        int lead = s.charAt(i);
        int length = sequenceLength(lead);
        if (length == 0 || i + length > s.length()) {
            return 0;
        }
        int cp = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int b = s.charAt(i + k);
            if ((b & 0xC0) != 0x80 || b > 0xFF) {
                return 0;
            }
            cp = cp << 6 | b & 0x3F;
        }
        if (!strictlyValid(cp, length)) {
            return 0;
        }
        out.appendCodePoint(cp);
        return length;
    }

    /**
     * Decodes one UTF-8 sequence written as {@code %XX} escapes starting at {@code i} (a {@code %}
     * whose byte is at least 0x80). Overlong forms decode to the character they spell, as lenient
     * servers read them: that is the point of sending {@code %c0%af} for a slash. Returns the
     * characters consumed, or 0 when the bytes do not form a sequence.
     */
    static int decodePercent(CharSequence s, int i, StringBuilder out) {
        int lead = percentByte(s, i);
        int length = lead >= 0xC0 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
        if (length == 0) {
            return 0;
        }
        int cp = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int b = percentByte(s, i + 3 * k);
            if (b < 0 || (b & 0xC0) != 0x80) {
                return 0;
            }
            cp = cp << 6 | b & 0x3F;
        }
        if (cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
            return 0;
        }
        out.appendCodePoint(cp);
        return 3 * length;
    }

    /** The byte of a {@code %XX} escape at {@code i}, or -1. */
    static int percentByte(CharSequence s, int i) {
        if (i + 2 < s.length() && s.charAt(i) == '%' && Ascii.isHex(s.charAt(i + 1)) && Ascii.isHex(s.charAt(i + 2))) {
            return Ascii.hexValue(s.charAt(i + 1)) << 4 | Ascii.hexValue(s.charAt(i + 2));
        }
        return -1;
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    }

    private static boolean strictlyValid(int cp, int length) {
        return switch (length) {
            case 2 -> cp >= 0x80;
            case 3 -> cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
            default -> cp >= 0x10000 && cp <= 0x10FFFF;
        };
    }
}
