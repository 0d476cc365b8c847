package dev.bulwark.contracts.policy;

/**
 * Asymmetric JWS algorithms a JWT policy may pin. Shared-secret (HS*) and {@code none} are absent
 * on purpose: a gateway that verifies with a public key must never accept them.
 */
public enum JwtAlgorithm {
    RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA
}
