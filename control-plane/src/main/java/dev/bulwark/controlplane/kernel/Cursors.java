package dev.bulwark.controlplane.kernel;

import dev.bulwark.controlplane.secret.KeyEncryptionKey;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident page cursors: {@code base64url(position) "." base64url(tag)} where the tag
 * is an HMAC over the scope and position. The scope (e.g. {@code "members:" + tenantId}) binds a
 * cursor to one list of one tenant, so it cannot be edited or replayed elsewhere; anything that does
 * not verify is a 400 INVALID_CURSOR. Positions are the service's own keyset values (e.g. a seq).
 */
@Singleton
public class Cursors {
    private static final int TAG_BYTES = 16;
    private static final int MAX_CURSOR = 512;
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public Cursors(KeyEncryptionKey kek) {
        this.key = new SecretKeySpec(kek.derive("cursor"), "HmacSHA256");
    }

    public String encode(String scope, String position) {
        byte[] payload = position.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(payload) + "." + ENC.encodeToString(tag(scope, payload));
    }

    /** The position in a client's cursor, or empty for the first page (no cursor). */
    public Optional<String> decode(String scope, @Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        if (cursor.length() > MAX_CURSOR || !cursor.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
            throw invalid();
        }
        String[] parts = cursor.split("\\.");
        try {
            byte[] payload = DEC.decode(parts[0]);
            byte[] tag = DEC.decode(parts[1]);
            // Base64 has several spellings of the same bytes (unused low bits): only the canonical one is ours.
            if (!MessageDigest.isEqual(tag, tag(scope, payload)) || !ENC.encodeToString(payload).equals(parts[0])
                    || !ENC.encodeToString(tag).equals(parts[1])) {
                throw invalid();
            }
            return Optional.of(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private byte[] tag(String scope, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ProblemException invalid() {
        return new ProblemException(400, "INVALID_CURSOR", "Invalid cursor",
                "The cursor is not one this list issued; start again without a cursor", java.util.List.of(new dev.bulwark.contracts.schema.Violation("cursor", "is not valid")));
    }
}
