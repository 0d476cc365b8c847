package dev.bulwark.controlplane.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's claim to a DNS name. Pending until proved; {@code verifiedBy} is "dns" or "http".
 * The token is not secret (it is published in DNS or over HTTP) but random, so only the claimant
 * can know it before it is published.
 */
public record DomainClaim(UUID id, String domain, String token, String verifiedBy, Instant verifiedAt, Instant createdAt) {
    public boolean verified() {
        return verifiedAt != null;
    }
}
