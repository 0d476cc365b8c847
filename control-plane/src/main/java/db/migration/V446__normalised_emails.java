package db.migration;

import dev.bulwark.controlplane.identity.Emails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites every stored email into {@link Emails#normalise} form and makes that form unique
 * (app_user: globally; developer: per tenant). In Java, not SQL, because PostgreSQL's
 * {@code lower()} depends on the database's locale and folds neither the Kelvin sign nor
 * {@code ß}: the stored form must be exactly the one the application computes.
 *
 * <p>Two rows that normalise to the same address (a look-alike registered next to the real
 * one) cannot both keep it: the oldest keeps the address, later ones get
 * {@code duplicate-<id>@invalid} so they can no longer log in by email, and are logged by id.
 */
public class V446__normalised_emails extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V446__normalised_emails.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX IF EXISTS app_user_email_key");
            statement.execute("DROP INDEX IF EXISTS developer_email");
        }
        rewrite(connection, "app_user", "SELECT id, NULL, email FROM app_user ORDER BY created_at, id", true);
        rewrite(connection, "developer", "SELECT id, tenant_id, email FROM developer ORDER BY created_at, id", true);
        rewrite(connection, "invitation", "SELECT id, NULL, email FROM invitation", false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE UNIQUE INDEX app_user_email_key ON app_user (email)");
            statement.execute("CREATE UNIQUE INDEX developer_email ON developer (tenant_id, email)");
        }
    }

    private static void rewrite(Connection connection, String table, String select, boolean unique) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(select);
             PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET email = ? WHERE id = ?")) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                String scope = rows.getString(2);
                String stored = rows.getString(3);
                String normalised = Emails.normalise(stored);
                if (unique && !taken.add(scope + " " + normalised)) {
                    normalised = "duplicate-" + id + "@invalid";
                    LOG.warn("{} {}: its email is a duplicate of an older row's once normalised; it can no longer log in by email",
                            table, id);
                }
                if (!normalised.equals(stored)) {
                    update.setString(1, normalised);
                    update.setObject(2, id);
                    update.executeUpdate();
                }
            }
        }
    }
}
