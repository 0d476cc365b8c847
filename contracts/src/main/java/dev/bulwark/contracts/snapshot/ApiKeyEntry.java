package dev.bulwark.contracts.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A valid API key, as a gateway may know it: never the key itself.
 *
 * @param lookupId  the key's public prefix ({@code ApiKeys.lookupId})
 * @param digest    base64url HMAC-SHA-256 of the full key under the environment's pepper
 * @param expiresAt null when the key does not expire
 */
public record ApiKeyEntry(
        String keyId,
        String lookupId,
        String digest,
        String tenantId,
        String applicationId,
        List<String> scopes,
        Instant expiresAt) {

    public ApiKeyEntry {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
