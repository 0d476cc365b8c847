package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.Environment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one response that carries a key: returned by create and rotate, shown once. Never passed to
 * the audit trail or a logger; {@link #toString()} leaves the key out in case someone tries.
 */
public record IssuedKey(UUID id, String key, String lookupId, UUID applicationId, String label, List<String> scopes,
                        Instant expiresAt, Environment environment, Instant createdAt) {

    @Override
    public String toString() {
        return "IssuedKey[id=" + id + ", lookupId=" + lookupId + "]";
    }
}
