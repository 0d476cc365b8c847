package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the snapshot of a JSON file and reloads it when its modification time or size changes,
 * checked with one cheap {@code stat} per interval. Reading, parsing and compiling happen on a
 * worker thread, never on an event loop.
 */
public final class FileSnapshotLoader implements SnapshotLoader {
    private final Vertx vertx;
    private final Path file;
    private final long intervalMillis;
    private final SnapshotApplier applier;
    private long timerId = -1;
    private volatile long seenModified = -1;
    private volatile long seenSize = -1;
    /** True from a poll's stat until its load (if any) is done: ticks never overlap. */
    private volatile boolean busy = true;

    public FileSnapshotLoader(Vertx vertx, Path file, long intervalMillis, SnapshotApplier applier) {
        this.vertx = vertx;
        this.file = file;
        this.intervalMillis = intervalMillis;
        this.applier = applier;
    }

    @Override
    public Future<Void> start() {
        return vertx.fileSystem().props(file.toString())
                .compose(props -> load(props))
                .onComplete(done -> {
                    busy = false;
                    timerId = vertx.setPeriodic(intervalMillis, id -> poll());
                });
    }

    @Override
    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void poll() {
        if (busy) {
            return;
        }
        busy = true;
        vertx.fileSystem().props(file.toString()).onComplete(stat -> {
            if (stat.succeeded() && (stat.result().lastModifiedTime() != seenModified || stat.result().size() != seenSize)) {
                load(stat.result()).onComplete(done -> busy = false);
            } else {
                busy = false;
            }
        });
    }

    private Future<Void> load(FileProps props) {
        seenModified = props.lastModifiedTime();
        seenSize = props.size();
        return vertx.<Void>executeBlocking(() -> {
            Snapshot snapshot;
            try {
                snapshot = SnapshotJson.read(Files.readAllBytes(file));
            } catch (IOException e) {
                // Jackson's message names the field and position; it carries no secret of the file.
                String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                applier.unreadable(file.toString(), reason);
                throw new InvalidSnapshotException(java.util.List.of(reason));
            }
            applier.apply(snapshot, file.toString());
            return null;
        }, false);
    }
}
