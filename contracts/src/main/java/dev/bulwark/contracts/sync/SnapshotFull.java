package dev.bulwark.contracts.sync;

import dev.bulwark.contracts.snapshot.Snapshot;

/** A whole snapshot, sent when no delta can bring the data plane up to date. */
public record SnapshotFull(Snapshot snapshot) implements SyncMessage {
    public static final String TYPE = "snapshot-full";
}
