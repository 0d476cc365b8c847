package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.time.Instant;
import java.util.List;

final class Snapshots {
    private Snapshots() {
    }

    static Snapshot version(long version, String environment) {
        ApiEntry api = new ApiEntry("api-1", "tenant-1", "Orders", null, "/orders", List.of("http://127.0.0.1:9"),
                List.of(new OperationEntry("list", "GET", "/", List.of(), List.of())), List.of());
        ApiKeyEntry key = new ApiKeyEntry("key-" + version, "bwk_live_abcdefgh", "digest", "tenant-1", "app-1", List.of(), null);
        return SnapshotHash.stamped(new Snapshot(Snapshot.SCHEMA_VERSION, version, environment, null, Instant.now(), List.of(api),
                List.of(), List.of(), List.of(key)));
    }
}
