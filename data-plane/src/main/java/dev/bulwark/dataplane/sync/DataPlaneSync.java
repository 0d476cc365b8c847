package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.sync.BreakerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the sync side of a gateway, for {@code Gateway.start()}:
 * <pre>{@code
 * DataPlaneSync sync = DataPlaneSync.create(vertx, settings.sync(), settings.gatewayId(), settings.environment(),
 *         snapshot -> vertx.executeBlocking(() -> { coreApplier.apply(snapshot, "control plane"); return null; }), metrics);
 * firstSnapshot = sync.start();   // last-known-good applied (when valid) before the proxy starts
 * }</pre>
 * Readiness should then also require {@link SyncStatus#ready()} (see {@code StatusServer}).
 */
public final class DataPlaneSync {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneSync.class);

    private final ControlPlaneClient client;
    private final SyncStatus status;

    private DataPlaneSync(ControlPlaneClient client, SyncStatus status) {
        this.client = client;
        this.status = status;
    }

    public static DataPlaneSync create(Vertx vertx, SyncSettings settings, String dataPlaneId, String environment,
            SnapshotSink applier, MeterRegistry metrics) {
        return create(vertx, settings, dataPlaneId, environment, applier, metrics, new Reported(null, List::of));
    }

    /**
     * What the gateway tells the control plane about itself besides its snapshot.
     *
     * @param publicUrl where callers reach it, sent in every hello; null when unknown
     * @param breakers  the breakers that are not closed, sent with every heartbeat (called on the sync context)
     */
    public record Reported(String publicUrl, Supplier<List<BreakerStatus>> breakers) {
    }

    public static DataPlaneSync create(Vertx vertx, SyncSettings settings, String dataPlaneId, String environment,
            SnapshotSink applier, MeterRegistry metrics, Reported reported) {
        SyncStatus status = new SyncStatus(metrics);
        LastKnownGood lastKnownGood = settings.lastKnownGoodEnabled() ? new LastKnownGood(settings.lkgFile(), settings.lkgKey()) : null;
        if (lastKnownGood == null && settings.enabled()) {
            LOG.warn("no BULWARK_GW_LKG_KEY: no last-known-good snapshot is kept; a restart while the control plane is down "
                    + "starts with no configuration");
        }
        return new DataPlaneSync(new ControlPlaneClient(vertx, settings, dataPlaneId, environment, softwareVersion(), applier,
                lastKnownGood, status, reported), status);
    }

    public Future<Void> start() {
        return client.start();
    }

    public Future<Void> stop() {
        return client.stop();
    }

    public SyncStatus status() {
        return status;
    }

    static String softwareVersion() {
        String version = DataPlaneSync.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
