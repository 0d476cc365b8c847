package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * Finds payloads hidden in base64: every token that looks encoded (six or more characters of the
 * alphabet, mixed case or digits) is decoded from its start and as if one to three characters had
 * been cut before it (the encoding of bytes that did not start on a 3-byte boundary), over its first
 * {@link #WINDOW} characters, and the decoded bytes are searched for the Java serialisation magic or
 * for keywords.
 */
final class Base64Tokens {
    static final int WINDOW = 48;

    private Base64Tokens() {
    }

    /**
     * @param keywords lower-case keywords to look for, or null to look for the serialisation magic
     * @param skipJson whether to skip tokens that encode a JSON object ({@code eyJ}: JWTs and such carry
     *                 words of their own)
     */
    static boolean find(Subject s, String[] keywords, boolean skipJson) {
        CharSequence t = s.text();
        StringBuilder decoded = s.view2;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (Base64Text.value(t.charAt(i)) < 0) {
                continue;
            }
            int end = i;
            while (end < n && Base64Text.value(t.charAt(end)) >= 0) {
                end++;
            }
            if (end - i >= 6 && encodedLooking(t, i, end) && !(skipJson && Ascii.matchesAt(t, i, "eyj"))) {
                for (int shift = 0; shift < 4; shift++) {
                    decoded.setLength(0);
                    decodeShifted(t, i, Math.min(end, i + WINDOW), 6 * shift, decoded);
                    if (keywords == null ? hasMagic(decoded) : hasKeyword(decoded, keywords)) {
                        return true;
                    }
                }
            }
            i = end;
        }
        return false;
    }

    private static void decodeShifted(CharSequence t, int from, int to, int prefixBits, StringBuilder out) {
        int buffer = 0;
        int bits = prefixBits % 8;
        int skipBytes = prefixBits / 8;
        for (int i = from; i < to; i++) {
            buffer = buffer << 6 | Base64Text.value(t.charAt(i));
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                if (skipBytes > 0) {
                    skipBytes--;
                } else {
                    out.append((char) (buffer >> bits & 0xFF));
                }
            }
        }
    }

    private static boolean hasMagic(CharSequence d) {
        for (int i = 0; i + 3 < d.length(); i++) {
            if (d.charAt(i) == 0xAC && d.charAt(i + 1) == 0xED && d.charAt(i + 2) == 0 && d.charAt(i + 3) == 5) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasKeyword(CharSequence d, String[] keywords) {
        for (String keyword : keywords) {
            if (Ascii.contains(d, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Mixed case or digits: an encoding, not a word. */
    private static boolean encodedLooking(CharSequence t, int from, int to) {
        int upper = 0;
        boolean lower = false;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (Ascii.isDigit(c) || c == '+') {
                return true;
            }
            if (c >= 'A' && c <= 'Z' && i > from) {
                upper++;
            }
            lower |= c >= 'a' && c <= 'z';
        }
        return upper >= 2 && lower;
    }
}
