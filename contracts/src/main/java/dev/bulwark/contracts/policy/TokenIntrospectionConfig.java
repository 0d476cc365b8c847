package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;
import java.util.regex.Pattern;

/**
 * OAuth 2.0 token introspection (RFC 7662) for a jwt policy. Snapshots carry no secrets, so the
 * client secret stays on the gateways: the configuration names a gateway environment variable, and
 * the gateway sends that secret only to the origin its operator bound it to.
 */
@Doc("OAuth 2.0 token introspection (RFC 7662) for opaque bearer tokens, answers cached per gateway.")
public record TokenIntrospectionConfig(
        @Required @Doc("HTTPS URL of the introspection endpoint (http only for loopback).") String endpoint,
        @Required @Doc("Client id the gateway authenticates with (HTTP Basic, client_secret_basic).") String clientId,
        @Required @Doc("Gateway environment variable holding the client secret: BULWARK_INTROSPECTION_SECRET_<NAME>. The gateway"
                + " needs BULWARK_INTROSPECTION_ORIGIN_<NAME> too, the only origin the secret is sent to.") String clientSecretEnv,
        @Doc("`opaque`: only tokens that are not JWTs are introspected; `always`: every token. Default: opaque.") IntrospectionMode mode,
        @Range(min = 1, max = 3_600) @Doc("Longest time an active answer is reused, in seconds; never past the token's `exp`."
                + " Default: 60.") Integer cacheSeconds,
        @Range(min = 0, max = 60) @Doc("Time an inactive answer is reused, in seconds, so floods of invalid tokens do not become"
                + " floods of introspection calls. Default: 5.") Integer negativeCacheSeconds,
        @Range(min = 100, max = 1_000_000) @Doc("Most cached answers per gateway and policy; the oldest are evicted. Default: 10000.")
        Integer maxCacheEntries,
        @Range(min = 100, max = 10_000) @Doc("Deadline of one introspection call, in milliseconds (503 past it). Default: 2000.")
        Integer timeoutMillis) {

    /** Environment variables a policy may name: never the gateway's own settings or secrets. */
    public static final Pattern SECRET_ENV = Pattern.compile("BULWARK_INTROSPECTION_SECRET_[A-Z0-9_]{1,64}");

    public TokenIntrospectionConfig {
        mode = mode == null ? IntrospectionMode.OPAQUE : mode;
        cacheSeconds = cacheSeconds == null ? 60 : cacheSeconds;
        negativeCacheSeconds = negativeCacheSeconds == null ? 5 : negativeCacheSeconds;
        maxCacheEntries = maxCacheEntries == null ? 10_000 : maxCacheEntries;
        timeoutMillis = timeoutMillis == null ? 2_000 : timeoutMillis;
    }

    void validateRules(Violations v) {
        v.require(JwtAuthConfig.isAcceptableUrl(endpoint), "endpoint", "must be an absolute https URL (http only for loopback)");
        v.require(!clientId.isBlank() && clientId.length() <= 256, "clientId", "must be 1-256 characters");
        v.require(SECRET_ENV.matcher(clientSecretEnv).matches(), "clientSecretEnv",
                "must be an environment variable named BULWARK_INTROSPECTION_SECRET_<NAME> (A-Z, 0-9, _)");
    }
}
