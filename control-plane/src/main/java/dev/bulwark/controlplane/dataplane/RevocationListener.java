package dev.bulwark.controlplane.dataplane;

import java.util.UUID;

/**
 * Told when an administrator revoked a data-plane credential, so the sync transport can close the
 * connections made with it at once (its periodic revocation watch would otherwise catch them
 * within a poll interval). Keeps credential management independent of the transport.
 */
public interface RevocationListener {
    void revoked(UUID credentialId);
}
