package dev.bulwark.securitytesting.scan.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request the scanner sent and the response it got (body cut at {@link #MAX_BODY} characters).
 *
 * @param headers response headers, names lower-cased
 * @param tlsProtocol the negotiated TLS protocol, empty over plain HTTP
 */
public record Exchange(ProbeRequest request, int status, Map<String, List<String>> headers, String body,
        Optional<String> tlsProtocol) {

    public static final int MAX_BODY = 64 * 1024;

    public Exchange {
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body == null ? "" : body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    public boolean isJson() {
        return header("content-type").map(type -> type.toLowerCase(java.util.Locale.ROOT).contains("json")).orElse(false);
    }
}
