package dev.bulwark.dataplane.sync;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the snapshot in force came from and whether the control plane is reachable; shown by the
 * status server and exported as metrics. Ready means some snapshot has been applied.
 */
public final class SyncStatus {
    /** Where the snapshot in force came from. */
    public enum Source { NONE, LAST_KNOWN_GOOD, CONTROL_PLANE }

    private volatile Source source = Source.NONE;
    private volatile long appliedVersion;
    private volatile Instant appliedAt;
    private volatile Instant publishedAt;
    private volatile boolean connected;
    private final LongAdder fullSnapshots = new LongAdder();
    private final LongAdder deltas = new LongAdder();

    public SyncStatus(MeterRegistry metrics) {
        Gauge.builder("bulwark.sync.applied.version", this, status -> status.appliedVersion)
                .description("Snapshot version applied through sync (control plane or last-known-good)").register(metrics);
        Gauge.builder("bulwark.sync.applied.timestamp.seconds", this,
                        status -> status.appliedAt == null ? 0 : status.appliedAt.toEpochMilli() / 1000.0)
                .description("When that version was applied, epoch seconds").register(metrics);
        Gauge.builder("bulwark.sync.connected", this, status -> status.connected ? 1 : 0)
                .description("1 while connected to the control plane").register(metrics);
        FunctionCounter.builder("bulwark.sync.received", fullSnapshots, LongAdder::doubleValue).tag("kind", "full")
                .description("Snapshot versions received from the control plane").register(metrics);
        FunctionCounter.builder("bulwark.sync.received", deltas, LongAdder::doubleValue).tag("kind", "delta")
                .description("Snapshot versions received from the control plane").register(metrics);
    }

    void received(boolean full) {
        (full ? fullSnapshots : deltas).increment();
    }

    /** Full snapshots received from the control plane since start. */
    public long fullSnapshotsReceived() {
        return fullSnapshots.sum();
    }

    /** Deltas received from the control plane since start. */
    public long deltasReceived() {
        return deltas.sum();
    }

    void applied(long version, Source from, Instant published) {
        appliedVersion = version;
        appliedAt = Instant.now();
        publishedAt = published;
        source = from;
    }

    void connected(boolean value) {
        connected = value;
    }

    public boolean ready() {
        return source != Source.NONE;
    }

    public Source source() {
        return source;
    }

    public long appliedVersion() {
        return appliedVersion;
    }

    public boolean connected() {
        return connected;
    }

    public JsonObject describe() {
        JsonObject json = new JsonObject().put("source", source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .put("appliedVersion", appliedVersion).put("connected", connected);
        if (appliedAt != null) {
            json.put("appliedAt", appliedAt.toString());
        }
        if (publishedAt != null) {
            json.put("publishedAt", publishedAt.toString());
        }
        return json;
    }
}
