package dev.bulwark.dataplane.policy.cors;

import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.ResponseHeaders;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS at the edge. A preflight is answered by the gateway and never reaches the upstream (nor
 * authentication: browsers send preflights without credentials). On actual requests the allow
 * headers are added only for an allowed origin; for any other origin they are simply absent, and
 * the browser withholds the response from the script. {@code Vary: Origin} is always sent, so a
 * shared cache never serves one origin's answer to another.
 *
 * <p>A preflight answer is a {@link PolicyFailure} with status 204: the pipeline renders statuses
 * below 400 as a bodiless answer with the failure's headers.
 */
public final class CorsPolicy implements Policy {
    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private final CorsConfig config;
    private final boolean wildcard;
    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final Map<String, String> preflightHeaders;
    private final String exposeHeaders;
    private final PolicyFailure originDenied = new PolicyFailure(403, "CORS_ORIGIN_DENIED", "This origin may not call the API");
    private final PolicyFailure methodDenied = new PolicyFailure(403, "CORS_METHOD_DENIED", "This method is not allowed cross-origin");
    private final PolicyFailure headersDenied = new PolicyFailure(403, "CORS_HEADERS_DENIED", "A requested header is not allowed cross-origin");

    public CorsPolicy(CorsConfig config) {
        this.config = config;
        this.wildcard = config.allowOrigins().contains("*");
        this.origins = Set.copyOf(config.allowOrigins());
        this.methods = Set.copyOf(config.allowMethods());
        this.headers = config.allowHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Map<String, String> preflight = new HashMap<>();
        preflight.put("Access-Control-Allow-Methods", String.join(", ", config.allowMethods()));
        preflight.put("Access-Control-Allow-Headers", String.join(", ", config.allowHeaders()));
        preflight.put("Access-Control-Max-Age", Integer.toString(config.maxAgeSeconds()));
        this.preflightHeaders = Map.copyOf(preflight);
        this.exposeHeaders = config.exposeHeaders().isEmpty() ? null : String.join(", ", config.exposeHeaders());
    }

    @Override
    public String id() {
        return PolicyType.CORS;
    }

    @Override
    public int order() {
        return PolicyOrder.CORS;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader("Origin");
        ResponseHeaders response = context.responseHeaders();
        response.set("Vary", "Origin");
        if (origin == null) {
            return CONTINUE;
        }
        boolean allowed = wildcard || origins.contains(origin);
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if (request.method() == HttpMethod.OPTIONS && requestedMethod != null) {
            // Set here rather than in the answer's headers: the pipeline applies these last.
            response.set("Vary", PREFLIGHT_VARY);
            return preflight(origin, allowed, requestedMethod, request.getHeader("Access-Control-Request-Headers"));
        }
        if (allowed) {
            allowOrigin(origin, response::set);
            if (exposeHeaders != null) {
                response.set("Access-Control-Expose-Headers", exposeHeaders);
            }
        }
        return CONTINUE;
    }

    private Future<Void> preflight(String origin, boolean allowed, String method, String requestedHeaders) {
        if (!allowed) {
            return Future.failedFuture(originDenied);
        }
        if (!methods.contains(method)) {
            return Future.failedFuture(methodDenied);
        }
        if (requestedHeaders != null) {
            for (String header : requestedHeaders.split(",")) {
                String name = header.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !headers.contains(name)) {
                    return Future.failedFuture(headersDenied);
                }
            }
        }
        Map<String, String> answer = new HashMap<>(preflightHeaders);
        allowOrigin(origin, answer::put);
        return Future.failedFuture(new PolicyFailure(204, "CORS_PREFLIGHT", "preflight answered", answer));
    }

    /**
     * Answers a preflight for a method that has no operation at the requested path: the origin is
     * checked as for any preflight, then the method is refused as one outside {@code allowMethods}
     * (a 204 would only invite a request that routing answers 405).
     */
    public Future<Void> refuseUnroutedPreflight(RequestContext context) {
        context.responseHeaders().set("Vary", PREFLIGHT_VARY);
        String origin = context.request().getHeader("Origin");
        return Future.failedFuture(wildcard || origins.contains(origin) ? methodDenied : originDenied);
    }

    /** Credentials require the exact origin, never "*" (the Fetch standard; the config forbids the mix). */
    private void allowOrigin(String origin, java.util.function.BiConsumer<String, String> put) {
        put.accept("Access-Control-Allow-Origin", wildcard && !config.allowCredentials() ? "*" : origin);
        if (config.allowCredentials()) {
            put.accept("Access-Control-Allow-Credentials", "true");
        }
    }
}
