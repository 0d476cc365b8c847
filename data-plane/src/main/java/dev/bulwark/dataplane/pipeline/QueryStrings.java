package dev.bulwark.dataplane.pipeline;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finding and removing query parameters by one rule, so that whatever the gateway reads as a
 * parameter is exactly what it strips before forwarding: parameters are separated by {@code &} or
 * {@code ;} (Vert.x and several upstream frameworks split on both), and a name matches after
 * percent-decoding, ignoring case. Pure; allocation-free when the query cannot hold the name.
 */
public final class QueryStrings {
    private QueryStrings() {
    }

    /** The decoded values of every parameter called {@code name}, in order; empty when none. */
    public static List<String> values(String query, String name) {
        if (!mayContain(query, name)) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        int start = 0;
        while (start <= query.length()) {
            int end = pairEnd(query, start);
            if (named(query, start, end, name)) {
                int equals = equalsIn(query, start, end);
                values.add(equals < 0 ? "" : decode(query.substring(equals + 1, end)));
            }
            start = end + 1;
        }
        return values;
    }

    /**
     * The query without any parameter called {@code name}: each kept parameter keeps its bytes and the
     * separator before it (none for the first). The query itself when nothing matched; null when
     * nothing is left.
     */
    public static String without(String query, String name) {
        if (!mayContain(query, name)) {
            return query == null || query.isEmpty() ? null : query;
        }
        StringBuilder kept = new StringBuilder(query.length());
        boolean removed = false;
        int start = 0;
        while (start <= query.length()) {
            int end = pairEnd(query, start);
            if (named(query, start, end, name)) {
                removed = true;
            } else {
                if (!kept.isEmpty()) {
                    kept.append(query.charAt(start - 1));
                }
                kept.append(query, start, end);
            }
            start = end + 1;
        }
        if (!removed) {
            return query;
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    /** Cheap pre-check: a name's first character appears, literally or percent-encoded. */
    private static boolean mayContain(String query, String name) {
        if (query == null || query.isEmpty() || name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        return query.indexOf('%') >= 0 || query.indexOf(Character.toLowerCase(first)) >= 0
                || query.indexOf(Character.toUpperCase(first)) >= 0;
    }

    private static int pairEnd(String query, int start) {
        for (int i = start; i < query.length(); i++) {
            if (isSeparator(query.charAt(i))) {
                return i;
            }
        }
        return query.length();
    }

    private static boolean isSeparator(char c) {
        return c == '&' || c == ';';
    }

    private static boolean named(String query, int start, int end, String name) {
        if (start >= end) {
            return false;
        }
        int equals = equalsIn(query, start, end);
        int nameEnd = equals < 0 ? end : equals;
        int length = nameEnd - start;
        if (length < name.length() || length > 9 * name.length()) {
            return false; // decoding never lengthens a name; one character is at most nine encoded bytes
        }
        boolean plain = true;
        for (int i = start; i < nameEnd && plain; i++) {
            char c = query.charAt(i);
            plain = c != '%' && c != '+';
        }
        return plain ? length == name.length() && query.regionMatches(true, start, name, 0, length)
                : decode(query.substring(start, nameEnd)).equalsIgnoreCase(name);
    }

    /** The first '=' of the pair [start, end), or -1; bounded so that long queries stay linear. */
    private static int equalsIn(String query, int start, int end) {
        for (int i = start; i < end; i++) {
            if (query.charAt(i) == '=') {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
