package dev.bulwark.controlplane.dataplane;

import java.time.Instant;
import java.util.List;

/**
 * A data plane as the control plane last heard from it.
 *
 * @param lag       latest published version of its environment minus its applied version
 * @param connected connected to some control-plane replica and heard from recently
 * @param publicUrl where callers reach it, as it said in its hello; null when it did not say
 * @param breakers  the caller's tenant's breakers this data plane last reported as open or half-open
 */
public record DataPlaneView(String id, String environment, String softwareVersion, long appliedVersion, String appliedHash,
        Instant appliedAt, Instant lastSeenAt, long publishedVersion, long lag, boolean connected, String lastError,
        String publicUrl, List<BreakerView> breakers) {
}
