package dev.bulwark.controlplane.sync;

import dev.bulwark.contracts.snapshot.Snapshot;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code published_snapshot} table. Every method runs in the caller's transaction (the
 * injected DataSource is Micronaut Data's transaction-bound proxy).
 */
@Singleton
class PublishedSnapshots {
    /** The head of an environment's history. */
    record Head(long version, String contentHash) {
    }

    private final DataSource dataSource;
    private final SyncJson json;
    /** Snapshots are immutable once published: cache the few recent ones deltas are computed from. */
    private final Map<String, Snapshot> cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > 32;
        }
    });

    PublishedSnapshots(DataSource dataSource, SyncJson json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    Optional<Head> head(String environment) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT version, content_hash FROM published_snapshot WHERE environment = ? ORDER BY version DESC LIMIT 1")) {
            statement.setString(1, environment);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Head(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    Optional<Snapshot> load(String environment, long version) throws SQLException {
        Snapshot cached = cache.get(environment + "@" + version);
        if (cached != null) {
            return Optional.of(cached);
        }
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT document FROM published_snapshot WHERE environment = ? AND version = ?")) {
            statement.setString(1, environment);
            statement.setLong(2, version);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Snapshot snapshot = json.decompress(row.getBytes(1));
                cache.put(environment + "@" + version, snapshot);
                return Optional.of(snapshot);
            }
        }
    }

    void insert(Snapshot snapshot) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO published_snapshot (environment, version, content_hash, document, created_at) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, snapshot.environment());
            statement.setLong(2, snapshot.version());
            statement.setString(3, snapshot.contentHash());
            statement.setBytes(4, json.compress(snapshot));
            statement.setTimestamp(5, Timestamp.from(snapshot.createdAt()));
            statement.executeUpdate();
        }
    }

    /** Keeps the newest {@code retained} versions of an environment. */
    int prune(String environment, int retained) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM published_snapshot WHERE environment = ? AND version <= "
                        + "(SELECT max(version) FROM published_snapshot WHERE environment = ?) - ?")) {
            statement.setString(1, environment);
            statement.setString(2, environment);
            statement.setInt(3, retained);
            return statement.executeUpdate();
        }
    }
}
