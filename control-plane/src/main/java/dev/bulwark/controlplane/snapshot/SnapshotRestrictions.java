package dev.bulwark.controlplane.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Temporary restrictions compiled into the snapshot on top of the configuration (automatic
 * responses to incidents): client addresses denied on every API of a tenant, and applications whose
 * keys are left out. Whoever adds or lifts one publishes {@link ConfigurationChanged}.
 */
public interface SnapshotRestrictions {
    /** Per tenant id: the networks (CIDR) denied on each of its APIs at {@code now}. */
    Map<String, List<String>> blockedAddresses(Instant now);

    /** Ids of the applications whose keys no gateway should accept at {@code now}. */
    Set<String> suspendedApplications(Instant now);
}
