package dev.bulwark.dataplane.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raw pieces parameters are decoded from: query pairs, cookies, path segments. */
final class QueryPairs {
    private QueryPairs() {
    }

    /**
     * Query pairs by decoded name, values still raw (a non-exploded array is split on its commas
     * before decoding). Pairs are separated by {@code &} or {@code ;}, the gateway's one rule
     * ({@code pipeline.QueryStrings}) and what several upstream frameworks do: {@code ?q=a;admin=1}
     * is two parameters here too, never a value that smuggles a second one. A name that is not
     * validly encoded is a violation of the whole query.
     */
    static Map<String, List<String>> parse(String rawQuery, List<ContractViolation> violations) {
        return parse(rawQuery, violations, true);
    }

    /** @param semicolons whether {@code ;} separates pairs too (queries: yes; form bodies: no) */
    static Map<String, List<String>> parse(String rawQuery, List<ContractViolation> violations, boolean semicolons) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        for (String piece : ParameterDecoder.split(semicolons ? rawQuery.replace(';', '&') : rawQuery, "&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String rawName = equals < 0 ? piece : piece.substring(0, equals);
            String name = Percent.decode(rawName, true);
            if (name == null) {
                violations.add(new ContractViolation("query", "has a parameter name that is not validly percent-encoded UTF-8"));
                continue;
            }
            pairs.computeIfAbsent(name, key -> new ArrayList<>(1)).add(equals < 0 ? "" : piece.substring(equals + 1));
        }
        return pairs;
    }

    /** Cookies by name, from every Cookie header ({@code a=1; b=2}). */
    static Map<String, List<String>> cookies(List<String> headers) {
        Map<String, List<String>> cookies = new LinkedHashMap<>();
        for (String header : headers) {
            for (String piece : header.split(";")) {
                int equals = piece.indexOf('=');
                if (equals > 0) {
                    cookies.computeIfAbsent(piece.substring(0, equals).trim(), key -> new ArrayList<>(1))
                            .add(piece.substring(equals + 1).trim());
                }
            }
        }
        return cookies;
    }

    /** The segments of a path below the base path ({@code /orders/5/} gives orders, 5): one trailing slash is insignificant. */
    static List<String> segments(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return List.of();
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return ParameterDecoder.split(trimmed.startsWith("/") ? trimmed.substring(1) : trimmed, "/");
    }
}
