package dev.bulwark.dataplane.pipeline;

/**
 * Brings a request path to the one form that is routed and forwarded, once, before routing, so that
 * no upstream can read the path as another one than the route that matched (docs/gateway.md,
 * "Routing"). Per case:
 * <ul>
 *   <li>percent-encoded unreserved characters ({@code %61} for {@code a}, {@code %2E} for {@code .},
 *       {@code %7E} for {@code ~}) are decoded, as RFC 3986 §6.2.2.2 makes them equivalent: an
 *       upstream decodes them anyway, so {@code /%61dmin} must be routed as {@code /admin};</li>
 *   <li>every other escape gets upper-case hex digits ({@code %c3%a9} becomes {@code %C3%A9});</li>
 *   <li>refused: an encoded separator ({@code %2F}, {@code %5C}), a backslash, a dot segment after
 *       decoding ({@code ..}, {@code %2e%2e}, {@code .;x}), double encoding ({@code %25} followed by
 *       two hex digits, e.g. {@code %252e%252e%252f}: only an upstream that decodes twice would see
 *       it, and it would see {@code ../}), an encoded NUL, overlong UTF-8 forms ({@code %C0%AE},
 *       {@code %E0%80%AF}, {@code %F0%80%80%AF}, which old decoders read as {@code .} or {@code /}),
 *       and a {@code %} not followed by two hex digits.</li>
 * </ul>
 * One pass; a path without {@code %} is returned as it is, without allocating.
 */
public final class PathNormalizer {
    private PathNormalizer() {
    }

    /** The normalised path, or null when the path is refused (400 {@code REQUEST_PATH_INVALID}). */
    public static String normalize(String path) {
        int percent = path.indexOf('%');
        if (percent < 0) {
            return RequestChecks.invalidPath(path) ? null : path;
        }
        int length = path.length();
        StringBuilder normal = null;
        for (int i = percent; i < length; i++) {
            char c = path.charAt(i);
            if (c != '%') {
                if (normal != null) {
                    normal.append(c);
                }
                continue;
            }
            int value = escape(path, i);
            if (value < 0 || refused(path, i, value)) {
                return null;
            }
            if (normal == null) {
                normal = new StringBuilder(length).append(path, 0, i);
            }
            if (unreserved(value)) {
                normal.append((char) value);
            } else {
                normal.append('%').append(HEX[value >> 4]).append(HEX[value & 0xf]);
            }
            i += 2;
        }
        String result = normal == null ? path : normal.toString();
        return RequestChecks.invalidPath(result) ? null : result;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The byte the escape at {@code at} encodes, or -1 when it is not {@code %} and two hex digits. */
    private static int escape(String path, int at) {
        if (at + 2 >= path.length()) {
            return -1;
        }
        int high = hex(path.charAt(at + 1));
        int low = hex(path.charAt(at + 2));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static boolean refused(String path, int at, int value) {
        return switch (value) {
            case 0x00, 0x2f, 0x5c, 0xc0, 0xc1 -> true;
            // "%25" + hex: a second round of decoding would produce an escape
            case 0x25 -> at + 4 < path.length() && hex(path.charAt(at + 3)) >= 0 && hex(path.charAt(at + 4)) >= 0;
            // overlong three- and four-byte forms: E0 80-9F, F0 80-8F
            case 0xe0 -> continuation(path, at + 3, 0x80, 0x9f);
            case 0xf0 -> continuation(path, at + 3, 0x80, 0x8f);
            default -> false;
        };
    }

    /** True when an escape at {@code at} encodes a byte in [min, max]. */
    private static boolean continuation(String path, int at, int min, int max) {
        if (at >= path.length() || path.charAt(at) != '%') {
            return false;
        }
        int next = escape(path, at);
        return next >= min && next <= max;
    }

    /** The value of an ASCII hex digit, else -1 (Character.digit would accept other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                || c == '~';
    }
}
