package dev.bulwark.controlplane.developer;

import java.time.Instant;
import java.util.UUID;

/**
 * An invitation for a console-registered developer to claim their record in the developer portal.
 *
 * @param token  shown once; the control plane keeps only its SHA-256
 * @param path   where the developer signs up with it, relative to the control plane's origin
 */
public record PortalInvitation(UUID developerId, String email, String token, String path, Instant expiresAt) {
    @Override
    public String toString() {
        return "PortalInvitation[developerId=" + developerId + ", expiresAt=" + expiresAt + "]";
    }
}
