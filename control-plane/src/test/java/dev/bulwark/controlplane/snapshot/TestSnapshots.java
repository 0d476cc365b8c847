package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Configurations as a compiler would emit them (version and hash left to the publisher). */
public final class TestSnapshots {
    private TestSnapshots() {
    }

    /** One API and {@code keys} keys: each extra key is a small change, as a delta carries it. */
    public static Snapshot withKeys(String environment, int keys) {
        List<ApiKeyEntry> entries = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            entries.add(new ApiKeyEntry("key-" + i, "bwk_live_" + String.format("%08d", i), "digest-" + i, "tenant-1", "app-1",
                    List.of("orders:read"), null));
        }
        // the keys' application, so that the snapshot passes the shared rules (every key names an application)
        return new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment, null, Instant.now(), List.of(api("/orders", 100)), List.of(),
                List.of(new ApplicationEntry("app-1", "tenant-1", "Orders app", java.util.Map.of())), entries);
    }

    public static Snapshot empty(String environment) {
        return new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment, null, Instant.now(), List.of(), List.of(), List.of(), List.of());
    }

    public static Snapshot withDuplicateRoute(String environment) {
        return new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment, null, Instant.now(),
                List.of(api("/orders", 100), new ApiEntry("api-2", "tenant-2", "Copy", null, "/orders", List.of("http://127.0.0.1:9"),
                        List.of(new OperationEntry("get", "GET", "/{other}", List.of(), List.of())), List.of())),
                List.of(), List.of(), List.of());
    }

    public static Snapshot withInvalidPolicy(String environment) {
        return new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment, null, Instant.now(), List.of(api("/orders", 0)), List.of(),
                List.of(), List.of());
    }

    private static ApiEntry api(String basePath, long limit) {
        return new ApiEntry("api-1", "tenant-1", "Orders", null, basePath, List.of("http://127.0.0.1:9"),
                List.of(new OperationEntry("get", "GET", "/{id}", List.of(), List.of())),
                List.of(new RateLimitConfig(limit, 60, null, LimitKey.API_KEY, null, null, null, null, null)));
    }
}
