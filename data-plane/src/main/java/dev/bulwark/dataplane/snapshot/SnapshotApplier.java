package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates, compiles and swaps in snapshots, whatever their source. A snapshot that is invalid or
 * not newer than the one in force is refused with a log line and a metric; the old one keeps
 * serving. Compilation is CPU work: call this off the event loop.
 */
public final class SnapshotApplier {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotApplier.class);

    private final SnapshotHolder holder;
    private final GatewayCompiler compiler;
    private final Counter refused;
    /** The snapshot {@code holder.current()} was compiled from, when this applier compiled it. */
    private Snapshot compiledFrom;

    public SnapshotApplier(SnapshotHolder holder, GatewayCompiler compiler, MeterRegistry metrics) {
        this.holder = holder;
        this.compiler = compiler;
        this.refused = Counter.builder("bulwark.snapshot.load.failures")
                .description("Snapshots refused (invalid, unreadable or not newer than the one in force)").register(metrics);
    }

    /**
     * Applies the snapshot, or throws with every reason it was refused. When only keys or
     * applications changed since the snapshot this applier compiled last, the compiled structures
     * are patched ({@link SnapshotPatcher}) instead of rebuilt.
     */
    public synchronized CompiledSnapshot apply(Snapshot snapshot, String source) throws InvalidSnapshotException {
        CompiledSnapshot current = holder.current();
        if (current != null && snapshot.version() <= current.version()) {
            throw refuse(source, List.of("version: " + snapshot.version() + " is not newer than the version in force "
                    + current.version()));
        }
        long started = System.nanoTime();
        CompiledSnapshot compiled;
        boolean patched = false;
        try {
            compiled = current != null && compiledFrom != null && compiledFrom.version() == current.version()
                    ? SnapshotPatcher.patch(compiledFrom, current, snapshot) : null;
            patched = compiled != null;
            if (compiled == null) {
                compiled = compiler.compile(snapshot);
            }
        } catch (InvalidSnapshotException e) {
            throw refuse(source, e.problems());
        }
        holder.swap(compiled);
        compiledFrom = snapshot;
        LOG.info("snapshot {} applied from {} ({} APIs, {} keys; {} in {} ms)", snapshot.version(), source, snapshot.apis().size(),
                snapshot.apiKeys().size(), patched ? "patched" : "compiled", (System.nanoTime() - started) / 1_000_000);
        return compiled;
    }

    /** Records a snapshot that could not even be read (I/O or JSON error). */
    public void unreadable(String source, String reason) {
        refused.increment();
        LOG.warn("snapshot from {} refused, the one in force keeps serving: {}", source, reason);
    }

    private InvalidSnapshotException refuse(String source, List<String> problems) {
        InvalidSnapshotException error = new InvalidSnapshotException(problems);
        unreadable(source, error.getMessage());
        return error;
    }
}
