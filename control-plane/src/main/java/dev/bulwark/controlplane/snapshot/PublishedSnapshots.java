package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.SnapshotDelta;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code published_snapshot} table: one row per version holding the delta from the previous
 * version, and at checkpoints the full document. Every method runs in the caller's transaction (the
 * injected DataSource is Micronaut Data's transaction-bound proxy). Only rows of the current
 * {@link Snapshot#SCHEMA_VERSION} are ever read back as content.
 * <p>Hand SQL: delta and checkpoint rows written and read on the publisher's connection, under its advisory
 * lock.
 */
@Singleton
public class PublishedSnapshots {
    /** The head of an environment's history. */
    public record Head(long version, String contentHash) {
    }

    /** A full document stored for a version. */
    record Checkpoint(long version, String contentHash, Snapshot snapshot) {
    }

    private final DataSource dataSource;
    private final SyncJson json;

    PublishedSnapshots(DataSource dataSource, SyncJson json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<Head> head(String environment) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(
                "SELECT version, content_hash FROM published_snapshot WHERE environment = ? ORDER BY version DESC LIMIT 1")) {
            statement.setString(1, environment);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Head(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * Inserts a version.
     *
     * @param delta from the previous version; null when a chain starts here (then {@code full} is required)
     * @param full  the whole snapshot, stored as a checkpoint; null for an ordinary version
     */
    void insert(String environment, long version, String contentHash, Instant createdAt, SnapshotDelta delta, Snapshot full)
            throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement("INSERT INTO published_snapshot "
                + "(environment, version, content_hash, schema_version, delta, document, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, environment);
            statement.setLong(2, version);
            statement.setString(3, contentHash);
            statement.setInt(4, Snapshot.SCHEMA_VERSION);
            statement.setBytes(5, delta == null ? null : json.compress(delta));
            statement.setBytes(6, full == null ? null : json.compress(full));
            statement.setTimestamp(7, Timestamp.from(createdAt));
            statement.executeUpdate();
        }
    }

    /** Stores the full document of an already published version; false when the row is gone (pruned). */
    boolean checkpoint(Snapshot full) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement("UPDATE published_snapshot SET document = ? "
                + "WHERE environment = ? AND version = ? AND content_hash = ? AND schema_version = ?")) {
            statement.setBytes(1, json.compress(full));
            statement.setString(2, full.environment());
            statement.setLong(3, full.version());
            statement.setString(4, full.contentHash());
            statement.setInt(5, Snapshot.SCHEMA_VERSION);
            return statement.executeUpdate() == 1;
        }
    }

    /** The newest checkpoint at or below {@code atMost}. */
    Optional<Checkpoint> latestCheckpoint(String environment, long atMost) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement("SELECT version, content_hash, document FROM published_snapshot "
                + "WHERE environment = ? AND version <= ? AND schema_version = ? AND document IS NOT NULL ORDER BY version DESC LIMIT 1")) {
            statement.setString(1, environment);
            statement.setLong(2, atMost);
            statement.setInt(3, Snapshot.SCHEMA_VERSION);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new Checkpoint(row.getLong(1), row.getString(2), json.decompress(row.getBytes(3), Snapshot.class)))
                        : Optional.empty();
            }
        }
    }

    /** The stored deltas of versions {@code after + 1 .. upTo}, in order; stops at the first version without one. */
    List<SnapshotDelta> deltas(String environment, long after, long upTo) throws SQLException {
        List<SnapshotDelta> deltas = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement("SELECT version, delta FROM published_snapshot "
                + "WHERE environment = ? AND version > ? AND version <= ? AND schema_version = ? ORDER BY version")) {
            statement.setString(1, environment);
            statement.setLong(2, after);
            statement.setLong(3, upTo);
            statement.setInt(4, Snapshot.SCHEMA_VERSION);
            try (ResultSet row = statement.executeQuery()) {
                long expected = after + 1;
                while (row.next() && row.getLong(1) == expected && row.getBytes(2) != null) {
                    deltas.add(json.decompress(row.getBytes(2), SnapshotDelta.class));
                    expected++;
                }
            }
        }
        return deltas;
    }

    /**
     * Keeps what serving and rebuilding need: the newest {@code retained} versions (deltas for data
     * planes behind), and the latest checkpoint with every version after it. Older checkpoints'
     * documents are dropped where a delta remains.
     */
    int prune(String environment, int retained) throws SQLException {
        String latestCheckpoint = "COALESCE((SELECT max(version) FROM published_snapshot WHERE environment = ? "
                + "AND document IS NOT NULL AND schema_version = " + Snapshot.SCHEMA_VERSION + "), 0)";
        int deleted;
        try (PreparedStatement statement = connection().prepareStatement("DELETE FROM published_snapshot WHERE environment = ? "
                + "AND version <= (SELECT max(version) FROM published_snapshot WHERE environment = ?) - ? AND version < " + latestCheckpoint)) {
            statement.setString(1, environment);
            statement.setString(2, environment);
            statement.setInt(3, retained);
            statement.setString(4, environment);
            deleted = statement.executeUpdate();
        }
        try (PreparedStatement statement = connection().prepareStatement("UPDATE published_snapshot SET document = NULL "
                + "WHERE environment = ? AND document IS NOT NULL AND delta IS NOT NULL AND version < " + latestCheckpoint)) {
            statement.setString(1, environment);
            statement.setString(2, environment);
            statement.executeUpdate();
        }
        return deleted;
    }

    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
