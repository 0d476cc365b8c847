package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;
import java.net.URI;
import java.util.List;

@Doc("Authenticates the caller with a JWT bearer token signed by a trusted issuer.")
public record JwtAuthConfig(
        @Required @Doc("Expected `iss` claim, exactly.") String issuer,
        @Required @Doc("HTTPS URL of the issuer's JSON Web Key Set.") String jwksUrl,
        @Required @Doc("Accepted `aud` values; the token must name at least one.") List<String> audiences,
        @Required @Doc("Algorithms accepted from this issuer. Never taken from the token.") List<JwtAlgorithm> algorithms,
        @Doc("Scopes every token must carry (`scope` or `scp` claim).") List<String> requiredScopes,
        @Range(min = 0, max = 300) @Doc("Leeway for `exp`/`nbf`, in seconds. Default: 30.") Integer clockSkewSeconds,
        @Doc("Header carrying `Bearer <token>`. Default: Authorization.") String header,
        @Doc("Cache time for the JWKS, in seconds. Default: 300.") @Range(min = 10, max = 86_400) Integer jwksCacheSeconds,
        @Doc("Whether the token's `azp` (else `client_id`) must name an application subscribed to the API, whose plan then"
                + " applies. Default: true. false: JWT-only API, any valid token of the issuer is a caller and authorization rests"
                + " on the token's scopes (the operations' required scopes); no plan, no subscription.") Boolean requireApplication,
        @Doc("Token introspection (RFC 7662) for opaque tokens, or for every token. Default: none, JWTs only.")
        TokenIntrospectionConfig introspection)
        implements PolicyConfig {

    /** Without {@code requireApplication}: callers must be subscribed applications (the default). */
    public JwtAuthConfig(String issuer, String jwksUrl, List<String> audiences, List<JwtAlgorithm> algorithms, List<String> requiredScopes,
                         Integer clockSkewSeconds, String header, Integer jwksCacheSeconds) {
        this(issuer, jwksUrl, audiences, algorithms, requiredScopes, clockSkewSeconds, header, jwksCacheSeconds, null);
    }

    /** Without introspection: JWTs only. */
    public JwtAuthConfig(String issuer, String jwksUrl, List<String> audiences, List<JwtAlgorithm> algorithms, List<String> requiredScopes,
                         Integer clockSkewSeconds, String header, Integer jwksCacheSeconds, Boolean requireApplication) {
        this(issuer, jwksUrl, audiences, algorithms, requiredScopes, clockSkewSeconds, header, jwksCacheSeconds, requireApplication,
                null);
    }

    public JwtAuthConfig {
        audiences = audiences == null ? null : List.copyOf(audiences);
        algorithms = algorithms == null ? null : List.copyOf(algorithms);
        requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
        clockSkewSeconds = clockSkewSeconds == null ? 30 : clockSkewSeconds;
        header = header == null ? "Authorization" : header;
        jwksCacheSeconds = jwksCacheSeconds == null ? 300 : jwksCacheSeconds;
        requireApplication = requireApplication == null ? Boolean.TRUE : requireApplication;
    }

    @Override
    public void validateRules(Violations v) {
        v.require(isAcceptableUrl(jwksUrl), "jwksUrl", "must be an absolute https URL (http only for loopback)");
        v.require(!issuer.isBlank() && issuer.length() <= 512, "issuer", "must be 1-512 characters");
        for (int i = 0; i < audiences.size(); i++) {
            v.require(!audiences.get(i).isBlank(), "audiences[" + i + "]", "must not be blank");
        }
        v.require(ApiKeyAuthConfig.TOKEN.matcher(header).matches(), "header", "must be a valid header name");
        if (introspection != null) {
            introspection.validateRules(v.at("introspection"));
        }
    }

    static boolean isAcceptableUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getUserInfo() != null) {
                return false;
            }
            if ("https".equals(uri.getScheme())) {
                return true;
            }
            String host = uri.getHost();
            return "http".equals(uri.getScheme())
                    && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
