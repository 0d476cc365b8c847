package dev.bulwark.controlplane.securityevent;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.net.IpAddresses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.UUID;

/**
 * Stores raw security events inside the caller's transaction. The primary key carries the
 * producer's delivery id, so a redelivered event is skipped by {@code ON CONFLICT DO NOTHING}.
 * <p>Hand SQL: a bulk path, batched inserts with ON CONFLICT DO NOTHING into a partitioned table.
 */
public final class SecurityEventWriter {
    private static final String INSERT = """
            INSERT INTO security_event (tenant_id, occurred_at, id, event_id, type, error_key, environment, api_id,
                application_id, client_ip, method, path, detail, rule_id, family, location, blocked)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /** A security event with its delivery id and parsed tenant. */
    public record Row(String deliveryId, UUID tenantId, SecurityEvent event) {
    }

    /** Returns how many events were new. */
    public int write(Connection connection, Iterable<Row> rows) throws SQLException {
        int inserted = 0;
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            boolean any = false;
            for (Row row : rows) {
                SecurityEvent event = row.event();
                statement.setObject(1, row.tenantId());
                statement.setTimestamp(2, Timestamp.from(event.at()));
                statement.setString(3, row.deliveryId());
                statement.setString(4, clip(event.eventId(), 128));
                statement.setString(5, SecurityEventTypes.label(event.type()));
                statement.setString(6, clip(event.errorKey(), 64));
                statement.setString(7, clip(event.environment(), 64));
                statement.setString(8, event.apiId());
                statement.setString(9, event.applicationId());
                String ip = normalisedIp(event.clientIp());
                if (ip == null) {
                    statement.setNull(10, Types.VARCHAR);
                } else {
                    statement.setString(10, ip);
                }
                statement.setString(11, clip(event.method(), 16));
                statement.setString(12, clip(event.path(), 2048));
                statement.setString(13, clip(event.detail(), 1024));
                ThreatMatch threat = event.threat();
                statement.setString(14, threat == null ? null : clip(threat.ruleId(), 64));
                statement.setString(15, threat == null || threat.family() == null ? null : SecurityEventTypes.label(threat.family()));
                statement.setString(16, threat == null ? null : clip(threat.location(), 256));
                if (threat == null) {
                    statement.setNull(17, Types.BOOLEAN);
                } else {
                    statement.setBoolean(17, threat.blocked());
                }
                statement.addBatch();
                any = true;
            }
            if (!any) {
                return 0;
            }
            for (int count : statement.executeBatch()) {
                inserted += Math.max(count, 0);
            }
        }
        return inserted;
    }

    /** A numeric IPv4/IPv6 address in canonical form, or null: an unparsable value must not fail the batch. */
    static String normalisedIp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            byte[] address = IpAddresses.parseNumeric(text.trim());
            return address == null ? null : IpAddresses.format(address);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
