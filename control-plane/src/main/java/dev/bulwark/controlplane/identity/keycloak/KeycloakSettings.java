package dev.bulwark.controlplane.identity.keycloak;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;

/**
 * The Keycloak adapter ({@code bulwark.identity.keycloak.*}). Without a {@code url} there is no
 * Keycloak: identity stays built-in, nothing is provisioned and the OIDC routes answer 404.
 *
 * @param url            Keycloak's base URL (BULWARK_KEYCLOAK_URL), e.g. {@code https://id.example.com}
 * @param adminRealm     realm of the administrator the control plane signs in as (normally {@code master})
 * @param adminClientId  client used for the admin sign-in ({@code admin-cli} for a password grant)
 * @param adminUsername  administrator with rights to create and delete realms
 * @param adminPassword  its password (BULWARK_KEYCLOAK_ADMIN_PASSWORD); never logged
 * @param realmPrefix    prefix of each tenant's realm name, followed by the tenant id
 * @param retryBase      first retry delay after a failed provisioning; doubles up to {@code retryMax}
 * @param retryMax       longest delay between two provisioning attempts
 * @param secretOverlap  how long an application's previous client secret keeps working after a
 *                       rotation when the caller names no overlap (at most 7 days)
 */
@ConfigurationProperties("bulwark.identity.keycloak")
public record KeycloakSettings(Optional<String> url,
                               @Bindable(defaultValue = "master") String adminRealm,
                               @Bindable(defaultValue = "admin-cli") String adminClientId,
                               @Bindable(defaultValue = "admin") String adminUsername,
                               Optional<String> adminPassword,
                               @Bindable(defaultValue = "bw-") String realmPrefix,
                               @Bindable(defaultValue = "2s") Duration retryBase,
                               @Bindable(defaultValue = "5m") Duration retryMax,
                               @Bindable(defaultValue = "24h") Duration secretOverlap) {

    public boolean enabled() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    public String baseUrl() {
        String value = url.orElseThrow();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
