package dev.bulwark.contracts.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * Everything a gateway of one environment needs to serve traffic, compiled by the control plane.
 * Immutable; a gateway swaps whole snapshots, never parts of one.
 *
 * @param schemaVersion format version of this record, for gateways of another release
 * @param version       monotonically increasing per environment
 * @param contentHash   SHA-256 over the canonical content, to detect drift and duplicates
 */
public record Snapshot(
        int schemaVersion,
        long version,
        String environment,
        String contentHash,
        Instant createdAt,
        List<ApiEntry> apis,
        List<PlanEntry> plans,
        List<ApplicationEntry> applications,
        List<ApiKeyEntry> apiKeys) {

    /** 2: Merkle content hash ({@link SnapshotHash}); version 1 files and deltas are refused. */
    public static final int SCHEMA_VERSION = 2;

    public Snapshot {
        apis = apis == null ? List.of() : List.copyOf(apis);
        plans = plans == null ? List.of() : List.copyOf(plans);
        applications = applications == null ? List.of() : List.copyOf(applications);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }
}
