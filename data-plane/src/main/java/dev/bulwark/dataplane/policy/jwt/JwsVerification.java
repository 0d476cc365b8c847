package dev.bulwark.dataplane.policy.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * The signature layer: one compact JWS, one key, one algorithm decided by the caller (the key or
 * the issuer's configuration), never by the token. The token's {@code alg} must equal it; its
 * {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} headers are never looked at, let alone
 * fetched.
 */
public final class JwsVerification {
    private JwsVerification() {
    }

    /** A JWS whose three parts are canonical base64url and whose header parsed. */
    public record Parsed(String signingInput, JWSHeader header, Base64URL payload, Base64URL signature) {
    }

    /** Splits and strictly decodes; null when the text is not a well-formed compact JWS. */
    public static Parsed parse(String compact) {
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || compact.indexOf('.', second + 1) >= 0 || second == compact.length() - 1) {
            return null;
        }
        if (!StrictBase64Url.isCanonical(compact, 0, first)
                || !StrictBase64Url.isCanonical(compact, first + 1, second)
                || !StrictBase64Url.isCanonical(compact, second + 1, compact.length())) {
            return null;
        }
        try {
            JWSHeader header = JWSHeader.parse(new Base64URL(compact.substring(0, first)));
            return new Parsed(compact.substring(0, second), header,
                    new Base64URL(compact.substring(first + 1, second)), new Base64URL(compact.substring(second + 1)));
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** True when {@code parsed} carries {@code algorithm} and its signature verifies under {@code key}. */
    public static boolean verify(Parsed parsed, JWK key, JWSAlgorithm algorithm) {
        if (!algorithm.equals(parsed.header().getAlgorithm()) || !usableForVerification(key, algorithm)) {
            return false;
        }
        try {
            JWSVerifier verifier = verifierFor(key, algorithm);
            return verifier != null && verifier.verify(parsed.header(),
                    parsed.signingInput().getBytes(StandardCharsets.US_ASCII), parsed.signature());
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    /** The key may sign with this algorithm: its type fits, and its alg/use/key_ops, when present, agree. */
    static boolean usableForVerification(JWK key, JWSAlgorithm algorithm) {
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.getName())) {
            return false;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        return (key instanceof RSAKey && (JWSAlgorithm.Family.RSA.contains(algorithm)))
                || (key instanceof ECKey && JWSAlgorithm.Family.EC.contains(algorithm))
                || (key instanceof OctetKeyPair && (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)))
                || (key instanceof OctetSequenceKey && JWSAlgorithm.Family.HMAC_SHA.contains(algorithm));
    }

    private static JWSVerifier verifierFor(JWK key, JWSAlgorithm algorithm) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            // The curve must be the one the algorithm names (ES256 ⇔ P-256 ...).
            return ec.getCurve() != null && com.nimbusds.jose.jwk.Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())
                    ? new ECDSAVerifier(ec) : null;
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp);
        }
        if (key instanceof OctetSequenceKey oct) {
            // Reachable only when a key pins an HMAC algorithm; a JWT policy never allows one.
            return new MACVerifier(oct);
        }
        return null;
    }
}
