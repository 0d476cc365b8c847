package dev.bulwark.controlplane.identity.token;

import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** Discovery documents, so relying parties (the portal, the data plane, tooling) verify our tokens. */
@Controller("/.well-known")
@PublicEndpoint
@ExecuteOn(TaskExecutors.BLOCKING)
public class WellKnownController {
    private final SigningKeys keys;
    private final TokenSettings settings;
    private final Issuer issuer;

    public WellKnownController(SigningKeys keys, TokenSettings settings, Issuer issuer) {
        this.issuer = issuer;
        this.keys = keys;
        this.settings = settings;
    }

    @Get(value = "/jwks.json", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> jwks() {
        keys.current(); // make sure a key exists before the first token is asked for
        return HttpResponse.ok(keys.publicJwks().toJSONObject(true)).header("Cache-Control", "public, max-age=300");
    }

    @Get(value = "/openid-configuration", produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> openidConfiguration() {
        String issuer = this.issuer.value();
        return Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/.well-known/jwks.json",
                "id_token_signing_alg_values_supported", List.of("ES256"),
                "subject_types_supported", List.of("public"),
                "response_types_supported", List.of("token"),
                "claims_supported", List.of("iss", "aud", "sub", "tid", "role", "email", "iat", "exp", "jti"));
    }
}
