package dev.bulwark.securitytesting.scan.model;

import java.util.Map;
import java.util.Objects;

/**
 * A request the gateway's threat protection blocked, kept as a regression check: every later scan
 * replays it and expects it to be refused again.
 *
 * @param id where it came from (the security event's id)
 * @param pathAndQuery relative to the API's base path, as received (credentials already removed)
 * @param headers the request's non-credential headers worth replaying
 * @param body the body, or null
 * @param family the threat family the gateway named (sql, xss, ...)
 */
public record RecordedAttack(String id, String method, String pathAndQuery, Map<String, String> headers, String body,
        String family) {

    public RecordedAttack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with /");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        family = family == null ? "" : family;
    }
}
