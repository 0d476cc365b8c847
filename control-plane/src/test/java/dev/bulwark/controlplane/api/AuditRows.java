package dev.bulwark.controlplane.api;

import dev.bulwark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads what the real audit trail stored, straight from the test database. */
public final class AuditRows {
    public record Entry(UUID actorUserId, String action, String resourceType, String resourceId, String before, String after) {
    }

    private AuditRows() {
    }

    public static List<Entry> forResource(TestDatabase database, String resourceId) {
        return query(database, "SELECT * FROM audit_event WHERE resource_id = ? ORDER BY occurred_at, seq", resourceId);
    }

    public static List<Entry> all(TestDatabase database) {
        return query(database, "SELECT * FROM audit_event ORDER BY occurred_at, seq", null);
    }

    private static List<Entry> query(TestDatabase database, String sql, String parameter) {
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(new Entry(row.getObject("actor_user_id", UUID.class), row.getString("action"),
                            row.getString("resource_type"), row.getString("resource_id"), row.getString("before"),
                            row.getString("after")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
