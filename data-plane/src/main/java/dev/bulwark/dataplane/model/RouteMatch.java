package dev.bulwark.dataplane.model;

/**
 * The result of routing a request.
 *
 * @param upstreamPath the path to request upstream: the request path with the API's base path removed
 */
public record RouteMatch(CompiledRoute route, String upstreamPath) {
    /** The path exists in the matched API, but not for this method: answered 405. */
    public static final RouteMatch METHOD_NOT_ALLOWED = new RouteMatch(null, null);

    public boolean methodNotAllowed() {
        return route == null;
    }
}
