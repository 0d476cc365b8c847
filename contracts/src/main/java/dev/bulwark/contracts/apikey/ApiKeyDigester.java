package dev.bulwark.contracts.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of an API key under a server-side pepper. The control plane stores only this
 * digest; gateways recompute it per request with the same pepper. A leaked database therefore
 * yields neither keys nor a way to test guesses offline without the pepper.
 */
public final class ApiKeyDigester {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_PEPPER_BYTES = 32;

    private final SecretKeySpec pepper;
    private final ThreadLocal<Mac> macs;

    public ApiKeyDigester(byte[] pepper) {
        if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the API key pepper must be at least " + MIN_PEPPER_BYTES + " bytes");
        }
        this.pepper = new SecretKeySpec(pepper.clone(), ALGORITHM);
        // Mac is stateful and not thread-safe; one per thread avoids a lookup per request.
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The digest as unpadded base64url (43 characters). */
    public String digest(CharSequence key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digestBytes(key));
    }

    public byte[] digestBytes(CharSequence key) {
        Mac mac = macs.get();
        return mac.doFinal(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison of a presented key against a stored base64url digest. */
    public boolean matches(CharSequence key, String storedDigest) {
        byte[] stored;
        try {
            stored = Base64.getUrlDecoder().decode(storedDigest);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digestBytes(key), stored);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
