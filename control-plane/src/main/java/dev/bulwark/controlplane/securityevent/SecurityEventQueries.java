package dev.bulwark.controlplane.securityevent;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists one tenant's security events, newest first, with keyset pagination.
 * Hand SQL: keyset pages with optional filters over the day-partitioned event table.
 */
@Singleton
public class SecurityEventQueries {
    private static final String SELECT = """
            SELECT id, event_id, occurred_at, type, error_key, environment, api_id, application_id, host(client_ip),
                   method, path, detail, rule_id, family, location, blocked
            FROM security_event
            WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?
              AND (?::text IS NULL OR type = ?)
              AND (?::text IS NULL OR api_id = ?)
              AND (?::text IS NULL OR application_id = ?)
              AND (?::inet IS NULL OR client_ip = ?::inet)
              AND (?::text IS NULL OR family = ?)
              AND (?::timestamptz IS NULL OR (occurred_at, id) < (?::timestamptz, ?::text))
            ORDER BY occurred_at DESC, id DESC
            LIMIT ?""";

    private final TransactionOperations<Connection> transactions;

    public SecurityEventQueries(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Optional filters within the tenant; null means "any". {@code clientIp} must already be canonical. */
    public record Filter(SecurityEventType type, String apiId, String applicationId, String clientIp, ThreatFamily family,
                         Instant from, Instant to) {
    }

    public Page<SecurityEventView> list(TenantId tenant, Filter filter, int limit, String cursor) {
        SecurityEventCursor after = cursor == null || cursor.isBlank() ? null : SecurityEventCursor.decode(cursor);
        List<SecurityEventView> rows = transactions.executeRead(status -> {
            List<SecurityEventView> found = new ArrayList<>();
            try (PreparedStatement query = status.getConnection().prepareStatement(SELECT)) {
                String type = filter.type() == null ? null : SecurityEventTypes.label(filter.type());
                Timestamp afterTime = after == null ? null : Timestamp.from(after.occurredAt());
                String afterId = after == null ? null : after.id();
                query.setObject(1, tenant.value());
                query.setTimestamp(2, Timestamp.from(filter.from()));
                query.setTimestamp(3, Timestamp.from(filter.to()));
                pair(query, 4, type);
                pair(query, 6, filter.apiId());
                pair(query, 8, filter.applicationId());
                pair(query, 10, filter.clientIp());
                pair(query, 12, filter.family() == null ? null : SecurityEventTypes.label(filter.family()));
                query.setTimestamp(14, afterTime);
                query.setTimestamp(15, afterTime);
                query.setString(16, afterId);
                query.setInt(17, limit + 1);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        found.add(view(result));
                    }
                }
            }
            return found;
        });
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        SecurityEventView last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), new SecurityEventCursor(last.occurredAt(), last.id()).encode());
    }

    private static void pair(PreparedStatement query, int index, String value) throws SQLException {
        query.setString(index, value);
        query.setString(index + 1, value);
    }

    private static SecurityEventView view(ResultSet result) throws SQLException {
        return new SecurityEventView(result.getString(1), result.getString(2), result.getTimestamp(3).toInstant(),
                result.getString(4), result.getString(5), result.getString(6), result.getString(7), result.getString(8),
                result.getString(9), result.getString(10), result.getString(11), result.getString(12), threat(result));
    }

    private static SecurityEventView.Threat threat(ResultSet result) throws SQLException {
        String ruleId = result.getString(13);
        if (ruleId == null) {
            return null;
        }
        return new SecurityEventView.Threat(ruleId, result.getString(14), result.getString(15), result.getBoolean(16));
    }
}
