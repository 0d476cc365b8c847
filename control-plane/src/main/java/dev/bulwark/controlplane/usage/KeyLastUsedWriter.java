package dev.bulwark.controlplane.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves each API key's {@code last_used_at} forward from the usage records of a batch (an aggregate's
 * {@code lastAt}, a legacy event's {@code at}), inside the
 * ingestion transaction. The update is scoped by the tenant the event was reported for, so an event
 * naming another tenant's key id changes nothing; redelivery is harmless because it only moves forward.
 * Written here in SQL rather than through the apikey service because it shares the batch's connection.
 * <p>Hand SQL: a bulk path, one JDBC batch of updates per ingestion batch on its connection.
 */
final class KeyLastUsedWriter {
    private static final String UPDATE = "UPDATE api_key SET last_used_at = GREATEST(coalesce(last_used_at, ?), ?) "
            + "WHERE tenant_id = ? AND id = ?";

    void write(Connection connection, List<DeliveredEvent> events) throws SQLException {
        Map<KeyOfTenant, Instant> latest = new HashMap<>();
        for (DeliveredEvent delivered : events) {
            UUID keyId = uuidOrNull(delivered.keyId());
            if (keyId != null && delivered.tenantId() != null) {
                latest.merge(new KeyOfTenant(delivered.tenantId(), keyId), delivered.lastUsedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (Map.Entry<KeyOfTenant, Instant> entry : latest.entrySet()) {
                Timestamp at = Timestamp.from(entry.getValue());
                update.setTimestamp(1, at);
                update.setTimestamp(2, at);
                update.setObject(3, entry.getKey().tenantId());
                update.setObject(4, entry.getKey().keyId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static UUID uuidOrNull(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record KeyOfTenant(UUID tenantId, UUID keyId) {
    }
}
