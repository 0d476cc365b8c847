package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * {@code data:} URLs (RFC 2397, and PHP's {@code data://} wrapper): their content is decoded
 * (base64 or as-is, bounded) so that what they carry is judged, not their form: an image is
 * fine, PHP or script is an inclusion attack.
 */
final class DataUrls {
    static final int MAX_CONTENT = 4096;

    private DataUrls() {
    }

    /** Whether the {@code data:} URL whose media type starts at {@code i} carries PHP code (markup is XSS's to judge). */
    static boolean carriesCode(Subject s, CharSequence t, int i) {
        StringBuilder content = s.view2;
        if (!decode(t, i, content)) {
            return false;
        }
        return PhpCode.openTag(content);
    }

    /** Decodes the content of the data URL whose media type starts at {@code i} into {@code out}; false if it is not one. */
    static boolean decode(CharSequence t, int i, StringBuilder out) {
        int n = t.length();
        if (i + 1 < n && t.charAt(i) == '/' && t.charAt(i + 1) == '/') {
            i += 2;
        }
        int comma = -1;
        boolean base64 = false;
        for (int k = i; k < n && k < i + 128; k++) {
            if (t.charAt(k) == ',') {
                comma = k;
                base64 = k - i >= 7 && Ascii.matchesAt(t, k - 7, ";base64");
                break;
            }
        }
        if (comma < 0) {
            return false;
        }
        out.setLength(0);
        int end = Math.min(n, comma + 1 + MAX_CONTENT);
        if (!base64) {
            out.append(t, comma + 1, end);
            return true;
        }
        Base64Text.decode(t, comma + 1, end, out);
        return true;
    }
}
