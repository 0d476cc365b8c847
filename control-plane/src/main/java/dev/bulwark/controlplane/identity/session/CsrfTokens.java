package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.secret.KeyEncryptionKey;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed double-submit CSRF tokens: the {@code bw_csrf} cookie holds an HMAC of the session id,
 * and an unsafe cookie-authenticated request must echo it in {@code X-CSRF-Token}. Binding the
 * value to the session means a cookie planted by a sibling subdomain does not pass.
 */
@Singleton
public class CsrfTokens {
    public static final String HEADER = "X-CSRF-Token";

    private final SecretKeySpec key;

    public CsrfTokens(KeyEncryptionKey kek) {
        this.key = new SecretKeySpec(kek.derive("csrf"), "HmacSHA256");
    }

    public String forSession(UUID sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sessionId.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
