package dev.bulwark.controlplane.identity.token;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Session token settings ({@code bulwark.identity.tokens.*}).
 *
 * @param issuer      the {@code iss} claim and OIDC issuer (BULWARK_ISSUER); empty: see {@link Issuer}
 * @param ttl         lifetime of a session token (BULWARK_TOKEN_TTL, default 8 h)
 * @param keyRotation age at which a new signing key replaces the current one (BULWARK_KEY_ROTATION, default 30 days)
 */
@ConfigurationProperties("bulwark.identity.tokens")
public record TokenSettings(@Nullable String issuer,
                            @Bindable(defaultValue = "8h") Duration ttl,
                            @Bindable(defaultValue = "30d") Duration keyRotation) {
    public static final String AUDIENCE = "bulwark-control-plane";
}
