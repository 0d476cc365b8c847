package dev.bulwark.dataplane.snapshot;

import io.vertx.core.Future;

/**
 * A source of snapshots: a file today, the control plane's push later. A loader hands what it
 * reads to the {@link SnapshotApplier}, which decides whether it goes into force.
 */
public interface SnapshotLoader {
    /** Loads the first snapshot (the future fails when it cannot be applied) and starts watching. */
    Future<Void> start();

    void stop();
}
