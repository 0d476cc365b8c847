package dev.bulwark.contracts.sync;

import java.time.Instant;

/**
 * The changes from one published version to a later one. Applies only to exactly
 * {@code fromVersion} with content hash {@code fromHash}; the result must hash to {@code toHash}.
 *
 * @param createdAt when {@code toVersion} was published
 */
public record SnapshotDelta(
        String environment,
        int schemaVersion,
        long fromVersion,
        String fromHash,
        long toVersion,
        String toHash,
        Instant createdAt,
        SnapshotChanges changes) implements SyncMessage {
    public static final String TYPE = "snapshot-delta";

    public SnapshotDelta {
        changes = changes == null ? SnapshotChanges.NONE : changes;
    }
}
