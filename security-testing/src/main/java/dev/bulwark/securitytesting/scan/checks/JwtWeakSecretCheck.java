package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Weak HMAC secrets: the primary identity's HS256/384/512 JWT is verified offline against a short
 * list of secrets found in tutorials and default configurations. No request is sent. The evidence
 * says a listed secret matched, never which one.
 */
final class JwtWeakSecretCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("jwt-weak-secret", "JWT signed with a guessable HMAC secret",
            OwaspApiTop10.API2, Severity.CRITICAL, false,
            "Sign with a random key of at least 256 bits from a secret store (or an asymmetric key), and rotate it now: "
                    + "anybody can mint tokens with a guessable one.");

    private static final Map<String, String> MACS = Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384", "HS512", "HmacSHA512");
    static final List<String> COMMON_SECRETS = List.of("secret", "secretkey", "secret-key", "secret_key", "mysecret",
            "my-secret", "my_secret", "jwt", "jwtsecret", "jwt-secret", "jwt_secret", "jwtkey", "key", "password",
            "passw0rd", "changeme", "change-me", "changeit", "default", "test", "testing", "dev", "development", "admin",
            "123456", "12345678", "qwerty", "letmein", "your-256-bit-secret", "your-secret-key", "your_jwt_secret",
            "supersecret", "super-secret", "topsecret", "s3cr3t", "shhhhh", "keyboard cat", "hello", "token", "auth",
            "secret123", "app-secret", "api-secret", "private", "privatekey", "signing-key", "hmac", "hs256");

    JwtWeakSecretCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<String[]> parts = context.target().primary().bearerToken().flatMap(Jwts::parts);
        if (parts.isEmpty()) {
            skip(context, "the primary identity presents no JWT");
            return;
        }
        String alg = Jwts.alg(parts.get());
        String mac = MACS.get(alg);
        if (mac == null) {
            skip(context, "the token is signed with " + alg + ", not an HMAC");
            return;
        }
        byte[] signed = (parts.get()[0] + "." + parts.get()[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            signature = Jwts.DECODER.decode(parts.get()[2]);
        } catch (IllegalArgumentException e) {
            return;
        }
        for (String candidate : COMMON_SECRETS) {
            if (matches(mac, candidate, signed, signature)) {
                report(context, DESCRIPTOR.severity(), ScanFinding.WHOLE_API, null, "The primary identity's " + alg
                        + " token verifies with a secret from a list of " + COMMON_SECRETS.size() + " common secrets ("
                        + candidate.length() + " characters): anybody can mint valid tokens.",
                        "JWT header: {\"alg\":\"" + alg + "\"}; signature verified offline, no request sent");
                return;
            }
        }
        note(context, "none of " + COMMON_SECRETS.size() + " common secrets signs the token");
    }

    private static boolean matches(String algorithm, String secret, byte[] signed, byte[] signature) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return MessageDigest.isEqual(mac.doFinal(signed), signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
