package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.snapshot.Snapshot;
import io.vertx.core.Future;

/**
 * Seam to the gateway core: compile a snapshot and swap it into force. A refused snapshot (invalid,
 * not newer than the one in force) is a failed future whose message says why; the snapshot in
 * force keeps serving. The gateway binds this to its snapshot compiler and holder.
 */
@FunctionalInterface
public interface SnapshotSink {
    Future<Void> apply(Snapshot snapshot);
}
