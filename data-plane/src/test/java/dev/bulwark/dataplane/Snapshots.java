package dev.bulwark.dataplane;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.upstream.AddressGuard;
import java.time.Instant;
import java.util.List;

/** Small builders for test snapshots. */
public final class Snapshots {
    private Snapshots() {
    }

    /** Test upstreams listen on loopback: the test APIs are allowed to reach it (and nothing else non-public). */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");
    public static final AddressGuard LOOPBACK_GUARD = AddressGuard.of(LOOPBACK);

    public static Snapshot of(long version, ApiEntry... apis) {
        return new Snapshot(Snapshot.SCHEMA_VERSION, version, "test", "hash-" + version, Instant.parse("2026-01-01T00:00:00Z"),
                List.of(apis), List.of(), List.of(), List.of());
    }

    /** A catch-all API: every method and path below {@code basePath}. */
    public static ApiEntry api(String apiId, String basePath, List<String> upstreams, PolicyConfig... policies) {
        return new ApiEntry(apiId, "tenant-1", apiId, null, basePath, upstreams, List.of(), List.of(policies), LOOPBACK);
    }

    public static ApiEntry api(String apiId, String basePath, String upstream, PolicyConfig... policies) {
        return api(apiId, basePath, List.of(upstream), policies);
    }

    public static ApiEntry withOperations(ApiEntry api, OperationEntry... operations) {
        return new ApiEntry(api.apiId(), api.tenantId(), api.name(), api.host(), api.basePath(), api.upstreams(),
                List.of(operations), api.policies(), api.allowedPrivateCidrs());
    }

    public static OperationEntry operation(String id, String method, String template) {
        return new OperationEntry(id, method, template, List.of(), List.of());
    }
}
