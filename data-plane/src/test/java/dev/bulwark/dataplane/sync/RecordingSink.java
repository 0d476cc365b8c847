package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.snapshot.Snapshot;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the gateway core's compile-and-swap: refuses versions not newer than the one in force, like the core does. */
final class RecordingSink implements SnapshotSink {
    final List<Snapshot> applied = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> apply(Snapshot snapshot) {
        if (!applied.isEmpty() && snapshot.version() <= applied.get(applied.size() - 1).version()) {
            return Future.failedFuture("version " + snapshot.version() + " is not newer than the version in force");
        }
        applied.add(snapshot);
        return Future.succeededFuture();
    }

    long version() {
        return applied.isEmpty() ? 0 : applied.get(applied.size() - 1).version();
    }
}
