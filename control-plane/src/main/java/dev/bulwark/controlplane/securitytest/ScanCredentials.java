package dev.bulwark.controlplane.securitytest;

import dev.bulwark.controlplane.secret.KeyEncryptionKey;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.UUID;

/**
 * The test consumers' credentials, sealed with AES-GCM under the key-encryption key. The API id and
 * the slot are bound as associated data, so a sealed value copied to another API or slot does not open.
 */
@Singleton
class ScanCredentials {
    private final KeyEncryptionKey kek;

    ScanCredentials(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    String kekId() {
        return kek.id();
    }

    byte[] seal(String value, UUID apiId, String slot) {
        return kek.encrypt(value.getBytes(StandardCharsets.UTF_8), context(apiId, slot));
    }

    Optional<String> open(@Nullable byte[] sealed, UUID apiId, String slot) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(kek.decrypt(sealed, context(apiId, slot)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new ScanJobs.NotScannable("the " + slot + " test credential cannot be decrypted (key-encryption key changed?): set it again");
        }
    }

    private static String context(UUID apiId, String slot) {
        return "scan-credential/" + apiId + "/" + slot;
    }
}
