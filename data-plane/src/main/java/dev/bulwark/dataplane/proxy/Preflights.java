package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.model.Router;
import dev.bulwark.dataplane.policy.cors.CorsPolicy;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * CORS preflights to an API with operations. Routing matches the request's own method, OPTIONS,
 * which an API rarely declares, so without this a preflight would be answered 405 before the cors
 * policy ever ran. A preflight is routed by the method it asks about instead and answered by that
 * route's cors policy alone (no authentication: browsers send preflights without credentials).
 * When the path has no operation for the requested method, the cors policy of the path's other
 * operations refuses it. Paths whose operations carry no cors policy keep the 405.
 */
final class Preflights {
    /** Methods an operation may declare, tried in this order to find the path's cors policy. */
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "TRACE"};

    private Preflights() {
    }

    /**
     * The route that answers this request, which routing found at its path but not for its method;
     * null when it is not a CORS preflight or no cors policy covers the path.
     */
    static RouteMatch route(Router router, String host, String path, HttpServerRequest request) {
        if (request.method() != HttpMethod.OPTIONS || request.getHeader("origin") == null) {
            return null;
        }
        String requested = request.getHeader("access-control-request-method");
        if (requested == null) {
            return null;
        }
        RouteMatch target = router.match(host, requested, path);
        if (target != null && !target.methodNotAllowed()) {
            CorsPolicy cors = cors(target.route());
            return cors == null ? null : answeredBy(target, cors);
        }
        for (String method : METHODS) {
            RouteMatch other = router.match(host, method, path);
            if (other != null && !other.methodNotAllowed()) {
                CorsPolicy cors = cors(other.route());
                if (cors != null) {
                    return answeredBy(other, new UnroutedMethod(cors));
                }
            }
        }
        return null;
    }

    private static CorsPolicy cors(CompiledRoute route) {
        for (Policy policy : route.policies()) {
            if (policy instanceof CorsPolicy cors) {
                return cors;
            }
        }
        return null;
    }

    private static RouteMatch answeredBy(RouteMatch match, Policy policy) {
        CompiledRoute route = match.route();
        return new RouteMatch(new CompiledRoute(route.api(), route.operation(), List.of(policy), route.upstreams(), route.label()),
                match.upstreamPath());
    }

    /** The cors policy's refusal of a preflight for a method the path has no operation for. */
    private record UnroutedMethod(CorsPolicy cors) implements Policy {
        @Override
        public String id() {
            return cors.id();
        }

        @Override
        public int order() {
            return PolicyOrder.CORS;
        }

        @Override
        public Future<Void> onRequest(RequestContext context) {
            return cors.refuseUnroutedPreflight(context);
        }
    }
}
