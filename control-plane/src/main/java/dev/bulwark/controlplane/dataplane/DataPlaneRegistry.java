package dev.bulwark.controlplane.dataplane;

import dev.bulwark.contracts.sync.SyncLimits;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code data_plane} table: what each data plane reported last, shared by every control-plane replica.
 * Hand SQL for now: data_plane is a platform table without a tenant; see docs/architecture.md, "Data access".
 */
@Singleton
public class DataPlaneRegistry {
    private final DataSource dataSource;

    DataPlaneRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public void connected(String id, String environment, UUID credentialId, String softwareVersion, long appliedVersion, String appliedHash) {
        update("INSERT INTO data_plane (id, environment, credential_id, software_version, applied_version, applied_hash, "
                + "connected_at, disconnected_at, last_seen_at, last_error) VALUES (?, ?, ?, ?, ?, ?, now(), NULL, now(), NULL) "
                + "ON CONFLICT (id) DO UPDATE SET environment = excluded.environment, credential_id = excluded.credential_id, "
                + "software_version = excluded.software_version, applied_version = excluded.applied_version, "
                + "applied_hash = excluded.applied_hash, connected_at = now(), disconnected_at = NULL, last_seen_at = now(), "
                + "last_error = NULL", id, environment, credentialId, softwareVersion, appliedVersion, appliedHash);
    }

    @Transactional
    public void applied(String id, long version, String hash) {
        update("UPDATE data_plane SET applied_version = ?, applied_hash = ?, applied_at = now(), last_seen_at = now(), last_error = NULL "
                + "WHERE id = ?", version, hash, id);
    }

    @Transactional
    public void refused(String id, long version, String reason) {
        String error = "version " + version + " refused: " + reason;
        update("UPDATE data_plane SET last_error = ?, last_seen_at = now() WHERE id = ?",
                error.length() > 1000 ? error.substring(0, 1000) : error, id);
    }

    @Transactional
    public void seen(String id) {
        update("UPDATE data_plane SET last_seen_at = now() WHERE id = ?", id);
    }

    @Transactional
    public void disconnected(String id) {
        update("UPDATE data_plane SET disconnected_at = now() WHERE id = ?", id);
    }

    @Transactional
    public List<DataPlaneView> list() {
        String sql = "SELECT d.id, d.environment, d.software_version, d.applied_version, d.applied_hash, d.applied_at, d.last_seen_at, "
                + "COALESCE(p.version, 0), d.disconnected_at IS NULL AND d.last_seen_at > now() - make_interval(secs => ?), d.last_error "
                + "FROM data_plane d LEFT JOIN (SELECT environment, max(version) AS version FROM published_snapshot GROUP BY environment) p "
                + "ON p.environment = d.environment ORDER BY d.environment, d.id";
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement(sql)) {
            statement.setDouble(1, SyncLimits.SILENCE_TIMEOUT.toSeconds());
            try (ResultSet rows = statement.executeQuery()) {
                List<DataPlaneView> views = new ArrayList<>();
                while (rows.next()) {
                    long applied = rows.getLong(4);
                    long published = rows.getLong(8);
                    views.add(new DataPlaneView(rows.getString(1), rows.getString(2), rows.getString(3), applied, rows.getString(5),
                            DataPlaneCredentials.instant(rows.getTimestamp(6)), DataPlaneCredentials.instant(rows.getTimestamp(7)),
                            published, Math.max(0, published - applied), rows.getBoolean(9), rows.getString(10)));
                }
                return views;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list data planes", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record data-plane state", e);
        }
    }
}
