package dev.bulwark.controlplane.domain;

import java.time.Instant;
import java.util.UUID;

/** A claim as the API shows it, with the two ways to prove it. */
public record DomainClaimView(UUID id, String domain, String status, String verifiedBy, Instant verifiedAt, Instant createdAt,
                              DnsChallenge dns, HttpChallenge http) {
    /** Publish a TXT record named {@code name} with the value {@code value}. */
    public record DnsChallenge(String name, String type, String value) {
    }

    /** Serve {@code body} as text at {@code url} (plain HTTP on port 80, no redirect). */
    public record HttpChallenge(String url, String body) {
    }

    static DomainClaimView of(DomainClaim claim) {
        return new DomainClaimView(claim.id(), claim.domain(), claim.verified() ? "verified" : "pending", claim.verifiedBy(),
                claim.verifiedAt(), claim.createdAt(),
                new DnsChallenge(DomainVerifier.TXT_PREFIX + claim.domain(), "TXT", claim.token()),
                new HttpChallenge("http://" + claim.domain() + DomainVerifier.HTTP_PATH + claim.token(), claim.token()));
    }
}
