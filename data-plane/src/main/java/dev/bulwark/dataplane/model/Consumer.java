package dev.bulwark.dataplane.model;

import java.util.List;

/**
 * Who is calling, once an authentication policy has established it.
 *
 * @param keyId   the API key's id (never the key), or null for JWT callers
 * @param subject the JWT {@code sub}, or null for API-key callers
 * @param planId  the plan of the application's subscription to the matched API, or null
 */
public record Consumer(String tenantId, String applicationId, String keyId, String subject, List<String> scopes, String planId) {
    public Consumer {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
