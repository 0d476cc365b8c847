package dev.bulwark.controlplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controlplane.kernel.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * hash = hex(SHA-256(canonical JSON of the event's fields and the previous hash)). Changing any
 * field, reordering or dropping an event breaks the chain from that event on.
 */
final class AuditHash {
    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String of(TenantId tenant, AuditEvent e) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("prevHash", e.prevHash());
        node.put("tenant", tenant.toString());
        node.put("seq", e.seq());
        node.put("id", e.id().toString());
        node.put("occurredAt", e.occurredAt().toString());
        node.put("actorUserId", e.actor().userId() == null ? null : e.actor().userId().toString());
        node.put("actorEmail", e.actor().email());
        node.put("action", e.action());
        node.put("resourceType", e.resourceType());
        node.put("resourceId", e.resourceId());
        node.set("before", e.before() == null ? f.nullNode() : e.before());
        node.set("after", e.after() == null ? f.nullNode() : e.after());
        node.put("sourceIp", e.sourceIp());
        node.put("requestId", e.requestId());
        return sha256(CanonicalJson.write(node));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode nodeOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
