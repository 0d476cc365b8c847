package dev.bulwark.testing.vulnerable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bulwark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The product table, in a real PostgreSQL database, so the injection flaw is a real one. */
final class Catalogue {
    private final TestDatabase database;

    private Catalogue(TestDatabase database) {
        this.database = database;
    }

    static Catalogue create(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS products (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
            statement.execute("INSERT INTO products VALUES (1, 'book'), (2, 'lamp') ON CONFLICT DO NOTHING");
        }
        return new Catalogue(database);
    }

    /** The flawed twin concatenates the search term into the SQL text. */
    ArrayNode search(String term, boolean flawed) throws SQLException {
        ArrayNode out = PlantedFlawApi.json().createArrayNode();
        try (Connection connection = database.connect()) {
            ResultSet rows;
            if (flawed) {
                rows = connection.createStatement().executeQuery(
                        "SELECT id, name FROM products WHERE name LIKE '%" + term + "%' ORDER BY id");
            } else {
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, name FROM products WHERE name LIKE ? ORDER BY id");
                statement.setString(1, "%" + term + "%");
                rows = statement.executeQuery();
            }
            while (rows.next()) {
                out.addObject().put("id", rows.getLong(1)).put("name", rows.getString(2));
            }
        }
        return out;
    }

    JsonNode byId(long id) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT id, name FROM products WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? PlantedFlawApi.json().createObjectNode().put("id", rows.getLong(1))
                        .put("name", rows.getString(2)) : null;
            }
        }
    }
}
