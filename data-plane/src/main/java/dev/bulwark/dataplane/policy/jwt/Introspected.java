package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * What the authorization server said about one token (RFC 7662 §2.2).
 *
 * @param claims the response's members when {@code active}, read like a JWT's claims; null otherwise
 */
record Introspected(boolean active, JWTClaimsSet claims) {
    static final Introspected INACTIVE = new Introspected(false, null);
}
