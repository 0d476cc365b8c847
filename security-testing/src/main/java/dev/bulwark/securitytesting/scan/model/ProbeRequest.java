package dev.bulwark.securitytesting.scan.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request a check wants sent.
 *
 * @param pathAndQuery relative to the target's base URL, already encoded ({@code /orders/7?x=1})
 * @param body a JSON body or null
 */
public record ProbeRequest(String method, String pathAndQuery, Identity identity, Map<String, String> headers, String body) {

    public ProbeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(identity, "identity");
        headers = Map.copyOf(headers);
    }

    public static ProbeRequest get(String pathAndQuery, Identity identity) {
        return new ProbeRequest("GET", pathAndQuery, identity, Map.of(), null);
    }

    public ProbeRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ProbeRequest(method, pathAndQuery, identity, copy, body);
    }

    public ProbeRequest as(Identity other) {
        return new ProbeRequest(method, pathAndQuery, other, headers, body);
    }
}
