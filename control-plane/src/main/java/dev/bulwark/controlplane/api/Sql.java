package dev.bulwark.controlplane.api;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thin positional-parameter JDBC over Micronaut Data's transaction-bound connection, for the
 * catalog's hand-written SQL. Every statement runs in the caller's transaction.
 */
@Singleton
public class Sql {
    private static final String UNIQUE_VIOLATION = "23505";

    /** Maps the current row; may throw SQLException. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final JdbcOperations jdbc;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public int update(String sql, Object... params) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, params);
            return statement.executeUpdate();
        });
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    rows.add(mapper.map(resultSet));
                }
            }
            return rows;
        });
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** True when the failure is a unique-constraint violation of the named constraint or index. */
    public static boolean isUniqueViolation(DataAccessException e, String constraint) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return sql.getMessage() != null && sql.getMessage().contains("\"" + constraint + "\"");
            }
        }
        return false;
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof Enum<?> e) {
                statement.setString(i + 1, e instanceof Environment env ? env.wire() : e.name().toLowerCase(java.util.Locale.ROOT));
            } else if (value instanceof dev.bulwark.controlplane.tenant.TenantId tenant) {
                statement.setObject(i + 1, tenant.value());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
