package dev.bulwark.controlplane.securitytest;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a blocked request, as its security event describes it, into a replayable attack. Events
 * keep where the attack was (a location such as {@code query.q}) but never the value, so the
 * replay carries a short representative payload of the same family at the same place: it tests
 * that the protection still refuses that family there, which is what the blocked attack proved.
 */
final class BlockedRequests {
    /** Short, harmless-when-refused probes per threat family; none is a resource bomb. */
    private static final Map<String, String> PAYLOADS = Map.of(
            "sql", "' OR '1'='1' --",
            "xss", "<script>alert(1)</script>",
            "command", "; cat /etc/passwd",
            "path", "../../../../etc/passwd",
            "ssrf", "http://169.254.169.254/latest/meta-data/",
            "nosql", "{\"$ne\": null}",
            "ldap", "*)(uid=*))(|(uid=*",
            "xxe", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

    private BlockedRequests() {
    }

    static RecordedAttack attack(ScanConfigStore.BlockedEvent event, String basePath) {
        if (event.family() == null || event.method() == null || event.path() == null) {
            throw ProblemException.invalid("securityEventId", "is not an attack the gateway's threat protection matched");
        }
        String family = event.family().toLowerCase(Locale.ROOT);
        String payload = PAYLOADS.getOrDefault(family, PAYLOADS.get("sql"));
        String path = relative(event.path(), basePath);
        String location = event.location() == null ? "" : event.location();
        String method = event.method().toUpperCase(Locale.ROOT);
        if (location.startsWith("body")) {
            String property = lastSegment(location.substring(4), "value");
            String body = "{\"" + property.replace("\"", "") + "\": \"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            return new RecordedAttack(event.id(), method, path, Map.of("Content-Type", "application/json"), body, family);
        }
        String parameter = location.startsWith("query") ? lastSegment(location.substring(5), "q") : "q";
        return new RecordedAttack(event.id(), method, path + "?" + encode(parameter) + "=" + encode(payload), Map.of(), null, family);
    }

    /** The path below the API's base path, which is where the scanner's target URL already points. */
    static String relative(String path, String basePath) {
        if (basePath.equals("/") || !path.startsWith(basePath)) {
            return path.startsWith("/") ? path : "/" + path;
        }
        String rest = path.substring(basePath.length());
        return rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
    }

    private static String lastSegment(String rest, String fallback) {
        String trimmed = rest.replaceAll("^[./]+", "");
        if (trimmed.isEmpty()) {
            return fallback;
        }
        String[] parts = trimmed.split("[./]");
        String last = parts[parts.length - 1].replaceAll("\\[\\d*]", "");
        return last.isEmpty() ? fallback : last;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
