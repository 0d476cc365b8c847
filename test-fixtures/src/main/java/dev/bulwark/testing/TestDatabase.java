package dev.bulwark.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database created for one test run and dropped when it is closed.
 *
 * @param jdbcUrl URL of the test's own database
 * @param name    database name, unique per run
 */
public record TestDatabase(String jdbcUrl, String username, String password, String name, ServerEndpoint admin)
        implements AutoCloseable {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @Override
    public void close() {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            // FORCE ends connections a pool forgot to close; the name is ours, generated, never user input.
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Where databases are created: the server's maintenance database and an account allowed to CREATE DATABASE. */
    public record ServerEndpoint(String jdbcUrl, String username, String password, String origin) {
    }
}
