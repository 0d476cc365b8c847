package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.Snapshot;

/**
 * Seam to the catalog's snapshot compiler: the configuration of one environment as it is now.
 * The publisher calls it inside its publishing transaction; the version, content hash and
 * timestamp of the returned snapshot are ignored and stamped by the publisher.
 */
public interface SnapshotSource {
    Snapshot compile(String environment);
}
