package dev.bulwark.controlplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Removes secret-looking fields from audited snapshots before they are stored or hashed, at any
 * depth: names containing password, passwd, secret, token, pepper, credential or private, and
 * names ending in "key"/"keys" (apiKey, signingKey, key) — case and separators ignored. A
 * caller's mistake in passing a secret thus never reaches the append-only log.
 */
final class Redaction {
    private static final List<String> CONTAINS = List.of("password", "passwd", "secret", "token", "pepper", "credential", "private");

    private Redaction() {
    }

    static JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> remove = new ArrayList<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (isSecret(name)) {
                    remove.add(name);
                } else {
                    redact(object.get(name));
                }
            }
            object.remove(remove);
        } else if (node.isArray()) {
            node.forEach(Redaction::redact);
        }
        return node;
    }

    static boolean isSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return CONTAINS.stream().anyMatch(name::contains) || name.endsWith("key") || name.endsWith("keys");
    }
}
