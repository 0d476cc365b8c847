package dev.bulwark.controlplane.snapshot;

/**
 * Told when this replica has committed a new snapshot version, so whoever delivers snapshots (the
 * data-plane sync transport) can push it at once instead of at its next poll. An interface here
 * keeps publication unaware of the transport: the transport depends on snapshots, not the reverse.
 */
public interface PublicationListener {
    /** Called on the publisher's thread right after the commit; must hand work off, not block. */
    void published(String environment);
}
