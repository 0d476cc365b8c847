package dev.bulwark.securitytesting.scan.model;

import java.util.Map;
import java.util.Objects;

/**
 * A test identity the scanner acts as: a label (never a secret) and the headers that carry its
 * credential. Credential values are redacted from every piece of evidence.
 */
public record Identity(String label, Map<String, String> headers) {

    public Identity {
        Objects.requireNonNull(label, "label");
        headers = Map.copyOf(headers);
    }

    public static Identity anonymous() {
        return new Identity("anonymous", Map.of());
    }

    /** {@code Authorization: Bearer <token>}. */
    public static Identity bearer(String label, String token) {
        return new Identity(label, Map.of("Authorization", "Bearer " + token));
    }

    public static Identity header(String label, String name, String value) {
        return new Identity(label, Map.of(name, value));
    }

    /** The bearer token this identity presents, if it presents one. */
    public java.util.Optional<String> bearerToken() {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Authorization") && e.getValue().regionMatches(true, 0, "Bearer ", 0, 7))
                .map(e -> e.getValue().substring(7).trim())
                .findFirst();
    }

    /** The same credential headers with other values: a forged or broken credential. */
    public Identity withHeaders(String newLabel, Map<String, String> replaced) {
        return new Identity(newLabel, replaced);
    }

    @Override
    public String toString() {
        return label;
    }
}
