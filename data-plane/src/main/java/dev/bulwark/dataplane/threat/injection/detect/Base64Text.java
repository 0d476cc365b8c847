package dev.bulwark.dataplane.threat.injection.detect;

/** Lenient base64 (standard and URL alphabets) decoding of a text region into Latin-1 characters, without allocating. */
final class Base64Text {
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
        VALUES['-'] = 62;
        VALUES['_'] = 63;
    }

    private Base64Text() {
    }

    /** The 6-bit value of a base64 character, or -1. */
    static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    /** Decodes {@code t[from, to)}, stopping at the first character outside the alphabet (padding included). */
    static void decode(CharSequence t, int from, int to, StringBuilder out) {
        int buffer = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int v = value(t.charAt(i));
            if (v < 0) {
                if (Character.isWhitespace(t.charAt(i))) {
                    continue;
                }
                return;
            }
            buffer = buffer << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.append((char) (buffer >> bits & 0xFF));
            }
        }
    }
}
