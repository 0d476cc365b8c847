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

    /** What {@link #plainContent} returns for a base64 data URL. */
    static final long BASE64 = -2;

    /**
     * Where the content of the {@code data:} URL whose media type starts at {@code i} lies when it is
     * plain text: {@code from << 32 | to}, bounded by {@link #MAX_CONTENT}; {@link #BASE64} when it is
     * base64-encoded, -1 when it is not a data URL.
     */
    static long plainContent(CharSequence t, int i) {
        int n = t.length();
        if (i + 1 < n && t.charAt(i) == '/' && t.charAt(i + 1) == '/') {
            i += 2;
        }
        for (int k = i; k < n && k < i + 128; k++) {
            if (t.charAt(k) == ',') {
                if (k - i >= 7 && Ascii.matchesAt(t, k - 7, ";base64")) {
                    return BASE64;
                }
                return (long) (k + 1) << 32 | Math.min(n, k + 1 + MAX_CONTENT);
            }
        }
        return -1;
    }

    /** Whether the plain content {@code t[from, to)} carries PHP code. */
    static boolean carriesCode(Subject s, CharSequence t, int from, int to) {
        StringBuilder content = s.view2;
        content.setLength(0);
        content.append(t, from, to);
        return PhpCode.openTag(content);
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
