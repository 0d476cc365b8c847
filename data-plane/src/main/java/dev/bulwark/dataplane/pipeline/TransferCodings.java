package dev.bulwark.dataplane.pipeline;

import java.util.List;

/** Reads {@code Transfer-Encoding} and {@code Content-Length} values the one way the gateway frames a request. */
public final class TransferCodings {
    private TransferCodings() {
    }

    /**
     * The canonical list of the codings in {@code values} (every Transfer-Encoding header, in order):
     * names lower-cased, parameters dropped (no registered transfer coding takes any), the obsolete
     * {@code identity} dropped, joined by {@code ", "}.
     *
     * @throws IllegalArgumentException (naming the rule, never the input) unless the list ends with the only {@code chunked}: the body's
     *         length is then known, and the upstream gets the same codings in the same order
     */
    public static String canonical(List<String> values) {
        StringBuilder canonical = new StringBuilder(16);
        boolean chunkedSeen = false;
        for (String value : values) {
            int length = value.length();
            int start = 0;
            while (start <= length) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? length : comma;
                String name = codingName(value, start, end);
                if (name != null) {
                    if (chunkedSeen) {
                        throw new IllegalArgumentException("chunked is not the last transfer coding");
                    }
                    if (name.equals("chunked")) {
                        chunkedSeen = true;
                    }
                    if (!name.equals("identity")) {
                        if (!canonical.isEmpty()) {
                            canonical.append(", ");
                        }
                        canonical.append(name);
                    }
                }
                start = end + 1;
            }
        }
        if (!chunkedSeen) {
            throw new IllegalArgumentException("Transfer-Encoding does not end with chunked");
        }
        return canonical.toString();
    }

    /** The lower-cased coding name of the list element in [start, end), or null for an empty element. */
    private static String codingName(String value, int start, int end) {
        int from = skipWhitespace(value, start, end);
        int to = from;
        while (to < end && isTchar(value.charAt(to))) {
            to++;
        }
        int rest = skipWhitespace(value, to, end);
        if (to == from) {
            if (rest == end) {
                return null; // "a, , b": empty list elements are allowed (RFC 9110 §5.6.1.2)
            }
            throw new IllegalArgumentException("Transfer-Encoding has an invalid coding");
        }
        if (rest < end) {
            if (value.charAt(rest) != ';') {
                throw new IllegalArgumentException("Transfer-Encoding has an invalid coding");
            }
            for (int i = rest; i < end; i++) {
                char c = value.charAt(i);
                if ((c < 0x21 || c > 0x7e) && c != ' ' && c != '\t') {
                    throw new IllegalArgumentException("Transfer-Encoding has an invalid parameter");
                }
            }
        }
        return value.substring(from, to).toLowerCase(java.util.Locale.ROOT);
    }

    private static int skipWhitespace(String value, int from, int end) {
        while (from < end && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    /** The value of a Content-Length of 1-18 digits (leading zeros allowed), else -1. */
    public static long contentLength(String value) {
        int length = value.length();
        if (length == 0 || length > 18) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    /** RFC 9110 token characters. */
    public static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
