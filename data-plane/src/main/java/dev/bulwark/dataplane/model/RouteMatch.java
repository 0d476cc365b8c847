package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.snapshot.ApiEntry;

/**
 * The result of routing a request: a route, or the refusal of the API whose base path covers the
 * request but which has no route for it.
 *
 * @param route        the route to run; null when the request is refused ({@code refusal} says why)
 * @param upstreamPath the path to request upstream: the request path with the API's base path removed
 * @param refusal      set exactly when {@code route} is null
 */
public record RouteMatch(CompiledRoute route, String upstreamPath, Refusal refusal) {
    public RouteMatch {
        if ((route == null) == (refusal == null)) {
            throw new IllegalArgumentException("a match has a route or a refusal");
        }
    }

    public RouteMatch(CompiledRoute route, String upstreamPath) {
        this(route, upstreamPath, null);
    }

    /**
     * An API covers the request (host and base path) but none of its operations matches and it has
     * no fallback route: the gateway answers {@code status} itself. One instance per API and status,
     * made when the router is built, so a refusal allocates nothing.
     *
     * @param basePath the API's base path as routed ("/" or "/a/b"): a segment prefix of the request path
     * @param status   404, or 405 when the path exists for other methods
     */
    public record Refusal(ApiEntry api, String basePath, int status) {
        /** The request path relative to the base path, as a route's upstream path would be. */
        public String relativePath(String path) {
            if (basePath.length() <= 1) {
                return path;
            }
            return path.length() <= basePath.length() ? "/" : path.substring(basePath.length());
        }
    }

    public static RouteMatch refused(ApiEntry api, String basePath, int status) {
        return new RouteMatch(null, null, new Refusal(api, basePath, status));
    }

    public boolean refused() {
        return route == null;
    }

    /** The path exists in the matched API, but not for this method: answered 405. */
    public boolean methodNotAllowed() {
        return route == null && refusal.status() == 405;
    }
}
