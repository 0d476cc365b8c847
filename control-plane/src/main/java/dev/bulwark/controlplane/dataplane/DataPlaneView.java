package dev.bulwark.controlplane.dataplane;

import java.time.Instant;

/**
 * A data plane as the control plane last heard from it.
 *
 * @param lag       latest published version of its environment minus its applied version
 * @param connected connected to some control-plane replica and heard from recently
 */
public record DataPlaneView(String id, String environment, String softwareVersion, long appliedVersion, String appliedHash,
        Instant appliedAt, Instant lastSeenAt, long publishedVersion, long lag, boolean connected, String lastError) {
}
