package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.TextBuffer;

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

    static final int MAGIC = 1;
    static final int JAVA = 2;
    static final int NODE = 4;
    /** What a base64 token hides when it is a Java attack: the serialisation magic aside, process and gadget names. */
    private static final String[] JAVA_KEYWORDS = {"runtime", "processbuilder", "transformer", "forclosure", "whileclosure",
        "prototypeclone", "prototypeserial", "instantiatefactory", "java.lang", "jndi:"};
    /** ... and when it is a Node one: modules and serialised-function markers. */
    private static final String[] NODE_KEYWORDS = {"child_process", "require(", "_$$nd_func$$_", "__js_function", "\\u00",
        "process.", "__proto__"};

    /**
     * What the value's base64 tokens hide ({@link #MAGIC}, {@link #JAVA}, {@link #NODE} bits), decoded
     * once per value and remembered by the subject for the other detectors.
     */
    static int verdict(Subject s) {
        int cached = s.base64Verdict();
        if (cached >= 0) {
            return cached;
        }
        int verdict = scan(s);
        s.base64Verdict(verdict);
        return verdict;
    }

    private static int scan(Subject s) {
        if (!s.has(Subject.DIGIT | Subject.UPPER | Subject.PLUS | Subject.SLASH)) {
            return 0; // lower-case words only: no encoding to look into
        }
        CharSequence t = s.text();
        TextBuffer decoded = s.decoded;
        int n = t.length();
        int verdict = 0;
        for (int i = 0; i < n; i++) {
            if (Base64Text.value(t.charAt(i)) < 0) {
                continue;
            }
            int end = i;
            while (end < n && Base64Text.value(t.charAt(end)) >= 0) {
                end++;
            }
            if (end - i >= 6 && encodedLooking(t, i, end)) {
                // the window, the alignments, mostlyText and these two conditions are what Gate.ENCODED_PRINTABLE mirrors
                boolean json = Ascii.matchesAt(t, i, "eyj"); // JWTs and such carry words of their own
                boolean keywords = !json && end - i >= 8; // the shortest keyword takes eight characters to encode
                for (int shift = 0; shift < 4; shift++) {
                    decoded.setLength(0);
                    decodeShifted(t, i, Math.min(end, i + WINDOW), 6 * shift, decoded);
                    verdict |= hasMagic(decoded) ? MAGIC : 0;
                    if (keywords && mostlyText(decoded)) {
                        verdict |= hasKeyword(decoded, JAVA_KEYWORDS) ? JAVA : 0;
                        verdict |= hasKeyword(decoded, NODE_KEYWORDS) ? NODE : 0;
                    }
                }
            }
            i = end;
        }
        return verdict;
    }

    private static void decodeShifted(CharSequence t, int from, int to, int prefixBits, TextBuffer out) {
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

    /** Encoded words decode to text; identifiers and random tokens decode to bytes that mostly are not. */
    private static boolean mostlyText(CharSequence d) {
        int text = 0;
        for (int i = 0, n = d.length(); i < n; i++) {
            char c = d.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                text++;
            }
        }
        return text * 4 >= d.length() * 3;
    }

    private static boolean hasMagic(CharSequence d) {
        for (int i = 0; i + 3 < d.length(); i++) {
            if (d.charAt(i) == 0xAC && d.charAt(i + 1) == 0xED && d.charAt(i + 2) == 0 && d.charAt(i + 3) == 5) {
                return true;
            }
        }
        return false;
    }

    /** One pass over the decoded bytes, trying only the keywords that start with the byte at hand. */
    private static boolean hasKeyword(CharSequence d, String[] keywords) {
        for (int i = 0, n = d.length(); i < n; i++) {
            char c = Ascii.lower(d.charAt(i));
            for (String keyword : keywords) {
                if (keyword.charAt(0) == c && Ascii.matchesAt(d, i, keyword)) {
                    return true;
                }
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
