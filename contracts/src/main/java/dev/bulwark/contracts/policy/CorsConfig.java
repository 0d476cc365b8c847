package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@Doc("Answers CORS preflights and decorates responses for the allowed browser origins.")
public record CorsConfig(
        @Required @Doc("Allowed origins (scheme://host[:port]) or a single \"*\".") List<String> allowOrigins,
        @Doc("Allowed methods. Default: GET, POST, PUT, PATCH, DELETE.") List<String> allowMethods,
        @Doc("Allowed request headers. Default: Content-Type, Authorization, X-API-Key.") List<String> allowHeaders,
        @Doc("Response headers scripts may read.") List<String> exposeHeaders,
        @Doc("Allow cookies and credentials. Never with \"*\". Default: false.") Boolean allowCredentials,
        @Range(min = 0, max = 86_400) @Doc("How long browsers may cache a preflight, in seconds. Default: 600.") Integer maxAgeSeconds)
        implements PolicyConfig {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    public CorsConfig {
        allowOrigins = allowOrigins == null ? null : List.copyOf(allowOrigins);
        allowMethods = allowMethods == null ? List.of("GET", "POST", "PUT", "PATCH", "DELETE") : List.copyOf(allowMethods);
        allowHeaders = allowHeaders == null ? List.of("Content-Type", "Authorization", "X-API-Key") : List.copyOf(allowHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
        allowCredentials = allowCredentials == null ? Boolean.FALSE : allowCredentials;
        maxAgeSeconds = maxAgeSeconds == null ? 600 : maxAgeSeconds;
    }

    @Override
    public void validateRules(Violations v) {
        boolean wildcard = allowOrigins.contains("*");
        v.require(!wildcard || allowOrigins.size() == 1, "allowOrigins", "\"*\" cannot be combined with other origins");
        v.require(!(wildcard && allowCredentials), "allowCredentials", "cannot be true when allowOrigins is \"*\"");
        for (int i = 0; i < allowOrigins.size(); i++) {
            String origin = allowOrigins.get(i);
            v.require(origin.equals("*") || ORIGIN.matcher(origin).matches(), "allowOrigins[" + i + "]",
                    "must be scheme://host[:port] without a path");
        }
        for (int i = 0; i < allowMethods.size(); i++) {
            v.require(METHODS.contains(allowMethods.get(i)), "allowMethods[" + i + "]", "must be one of " + METHODS);
        }
        for (int i = 0; i < allowHeaders.size(); i++) {
            v.require(ApiKeyAuthConfig.TOKEN.matcher(allowHeaders.get(i)).matches(), "allowHeaders[" + i + "]", "must be a header name");
        }
    }
}
