package dev.bulwark.dataplane.snapshot;

/**
 * The result of routing a request.
 *
 * @param upstreamPath the path to request upstream: the request path with the API's base path removed
 */
public record RouteMatch(CompiledRoute route, String upstreamPath) {
}
