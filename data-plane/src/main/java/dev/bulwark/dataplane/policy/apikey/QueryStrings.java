package dev.bulwark.dataplane.policy.apikey;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Query-string surgery for credential stripping; pure. */
final class QueryStrings {
    private QueryStrings() {
    }

    /**
     * The query without any parameter whose decoded name is {@code name}; other parameters are kept
     * byte for byte, in order. Returns null for an empty result.
     */
    static String without(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StringBuilder kept = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            String pair = query.substring(start, end);
            if (!pair.isEmpty() && !name.equals(nameOf(pair))) {
                if (!kept.isEmpty()) {
                    kept.append('&');
                }
                kept.append(pair);
            }
            start = end + 1;
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    private static String nameOf(String pair) {
        int equals = pair.indexOf('=');
        String raw = equals < 0 ? pair : pair.substring(0, equals);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
