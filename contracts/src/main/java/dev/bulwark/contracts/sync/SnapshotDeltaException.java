package dev.bulwark.contracts.sync;

/** A delta that cannot be applied to the snapshot at hand: the receiver must ask for a full snapshot. */
public final class SnapshotDeltaException extends Exception {
    public SnapshotDeltaException(String message) {
        super(message);
    }
}
