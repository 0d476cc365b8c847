package dev.bulwark.controlplane.dataplane;

import dev.bulwark.contracts.sync.SyncLimits;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data_plane} table: what each data plane reported last, shared by every control-plane replica.
 * A platform table ({@link DataPlaneRepository}).
 */
@Singleton
public class DataPlaneRegistry {
    private static final int MAX_ERROR = 1000;

    private final DataPlaneRepository planes;

    DataPlaneRegistry(DataPlaneRepository planes) {
        this.planes = planes;
    }

    @Transactional
    public void connected(String id, String environment, UUID credentialId, String softwareVersion, long appliedVersion, String appliedHash) {
        planes.connected(id, environment, credentialId, softwareVersion, appliedVersion, appliedHash);
    }

    @Transactional
    public void applied(String id, long version, String hash) {
        planes.applied(id, version, hash);
    }

    @Transactional
    public void refused(String id, long version, String reason) {
        String error = "version " + version + " refused: " + reason;
        planes.refused(id, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
    }

    @Transactional
    public void seen(String id) {
        planes.seen(id);
    }

    @Transactional
    public void disconnected(String id) {
        planes.disconnected(id);
    }

    @Transactional(readOnly = true)
    public List<DataPlaneView> list() {
        return planes.list(SyncLimits.SILENCE_TIMEOUT.toSeconds()).stream()
                .map(row -> new DataPlaneView(row.id(), row.environment(), row.softwareVersion(), row.appliedVersion(),
                        row.appliedHash(), row.appliedAt(), row.lastSeenAt(), row.publishedVersion(),
                        Math.max(0, row.publishedVersion() - row.appliedVersion()), row.connected(), row.lastError()))
                .toList();
    }
}
