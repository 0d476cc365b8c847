package dev.bulwark.controlplane.secret;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key (KEK): AES-256-GCM for secrets at rest (signing keys, later upstream
 * credentials) and the root from which purpose-bound MAC keys are derived. Configured as
 * {@code bulwark.secrets.kek} / {@code BULWARK_KEK} (base64 of 32 bytes). When absent, a random
 * one is generated for this process only and a warning says so: data encrypted under it does not
 * survive a restart, which is acceptable in development and tests only. The key is never logged.
 */
@Singleton
public class KeyEncryptionKey {
    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    public KeyEncryptionKey(@Nullable @Value("${bulwark.secrets.kek:}") String configured) {
        byte[] raw;
        if (configured == null || configured.isBlank()) {
            raw = new byte[32];
            RANDOM.nextBytes(raw);
            LOG.warn("bulwark.secrets.kek (BULWARK_KEK) is not set: using a random key-encryption key for this process;"
                    + " encrypted secrets will not be readable after a restart. Set it in production.");
        } else {
            try {
                raw = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("bulwark.secrets.kek (BULWARK_KEK) is not valid base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("bulwark.secrets.kek (BULWARK_KEK) must decode to 32 bytes, got " + raw.length);
            }
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = fingerprint(raw);
    }

    /** A short, non-reversible name of this KEK, stored next to what it encrypted. */
    public String id() {
        return id;
    }

    /** nonce || ciphertext || tag; {@code context} is bound as associated data (e.g. the key id). */
    public byte[] encrypt(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws GeneralSecurityException when the data was not sealed by this KEK for this context */
    public byte[] decrypt(byte[] sealed, String context) throws GeneralSecurityException {
        if (sealed.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("sealed data too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** A 32-byte key for one purpose (e.g. "cursor", "csrf"), derived so the KEK itself is never used as a MAC key. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("bulwark/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    private static String fingerprint(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return "kek-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
