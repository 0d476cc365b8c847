package dev.bulwark.dataplane.threat.injection.text;

/**
 * Turns a value as it travelled (percent-encoded, entity-encoded, escaped, in look-alike Unicode)
 * into the text an application, a browser or a shell would finally act on, so that the detectors
 * see one canonical form of every evasion.
 *
 * <p>Decoding is repeated, because attackers stack encodings ({@code %2524} → {@code %24} →
 * {@code $}; {@code \u0026#123;} → {@code &#123;} → <code>{</code>), and bounded to {@link #MAX_ROUNDS}
 * rounds. Every round is one forward pass that never lengthens the text, so the whole is linear in
 * the input. A value that contains nothing decodable is returned as-is, without copying.
 *
 * <p>Decoders, applied in the same pass: {@code %XX} (consecutive bytes read as UTF-8; overlong
 * two-byte forms of ASCII such as {@code %c0%ae} read as the ASCII character, as lenient servers
 * do; invalid bytes as Latin-1), {@code %uXXXX}, HTML character references (numeric, with or without
 * the semicolon and with any number of leading zeros, and the named references attacks use),
 * {@code \}{@code uXXXX}, <code>\\u{X}</code> and {@code \xXX}. Then a final pass folds fullwidth and
 * enclosed ASCII look-alikes and the ideographic full stop to ASCII, Unicode spaces to a space, and
 * drops NUL and zero-width characters.
 */
public final class Normalizer {
    public static final int MAX_ROUNDS = 4;

    private Normalizer() {
    }

    /**
     * @param raw  the value as received (after the container's own syntax was removed: a JSON string
     *             already unescaped, a query value still percent-encoded)
     * @param form whether {@code +} means a space ({@code application/x-www-form-urlencoded}, query strings)
     * @param out  receives the result when decoding was needed
     * @param tmp  scratch space
     * @return {@code raw} itself when nothing needed decoding, else {@code out}
     */
    public static CharSequence normalize(CharSequence raw, boolean form, StringBuilder out, StringBuilder tmp) {
        if (!needsWork(raw, form)) {
            return raw;
        }
        out.setLength(0);
        firstPass(raw, form, out);
        StringBuilder current = out;
        StringBuilder other = tmp;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            other.setLength(0);
            if (!Decoders.decodeOnce(current, other)) {
                break;
            }
            StringBuilder swap = current;
            current = other;
            other = swap;
        }
        Folding.fold(current);
        if (current != out) {
            out.setLength(0);
            out.append(current);
        }
        return out;
    }

    private static boolean needsWork(CharSequence s, boolean form) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '&' || c == '\\' || c >= 0x80 || c == 0 || form && c == '+') {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies {@code raw}, reading {@code +} as a space in forms, and repairing UTF-8 that arrived as
     * one character per byte (how HTTP parsers hand over non-ASCII bytes of a request line or header).
     */
    private static void firstPass(CharSequence raw, boolean form, StringBuilder out) {
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (c >= 0xC2 && c <= 0xF4) {
                int consumed = Utf8.decodeCharsAsBytes(raw, i, out);
                if (consumed > 0) {
                    i += consumed - 1;
                    continue;
                }
            }
            out.append(form && c == '+' ? ' ' : c);
        }
    }
}
