package dev.bulwark.controlplane.apikey;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Base64;

/**
 * The API-key digester under the server pepper ({@code bulwark.api-keys.pepper}, env
 * {@code BULWARK_API_KEY_PEPPER}, base64, at least 32 bytes). Required: the control plane refuses
 * to start without it rather than issue keys it could never verify after a restart. The value is
 * never logged, not even in the error.
 */
@Factory
public class PepperFactory {
    static final String SETTING = "bulwark.api-keys.pepper";

    @Context
    public ApiKeyDigester apiKeyDigester(@Value("${" + SETTING + ":}") String pepper) {
        if (pepper == null || pepper.isBlank()) {
            throw new ConfigurationException(SETTING + " (BULWARK_API_KEY_PEPPER) is required: base64 of at least 32 random bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(pepper.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(SETTING + " (BULWARK_API_KEY_PEPPER) is not valid base64");
        }
        if (bytes.length < 32) {
            throw new ConfigurationException(SETTING + " (BULWARK_API_KEY_PEPPER) must decode to at least 32 bytes");
        }
        return new ApiKeyDigester(bytes);
    }
}
