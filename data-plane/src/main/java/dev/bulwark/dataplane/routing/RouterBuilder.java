package dev.bulwark.dataplane.routing;

import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the routes of a snapshot and freezes them into a {@link TrieRouter}; refuses conflicts. */
public final class RouterBuilder {
    private final Map<String, ApiNode.Builder> byHost = new HashMap<>();
    private ApiNode.Builder anyHost;
    private ApiNode.Builder currentApi;

    /**
     * Publishes an API at a base path.
     *
     * @param host     exact host, or null for any host
     * @param catchAll the route serving everything below the base path when the API has no
     *                 operations; null when operations follow
     * @throws IllegalArgumentException when an API is already published at this host and base path
     */
    public RouterBuilder api(String host, String basePath, CompiledRoute catchAll) {
        List<String> segments = PathTemplate.parseBasePath(basePath);
        ApiNode.Builder root;
        if (host == null) {
            root = anyHost == null ? anyHost = new ApiNode.Builder() : anyHost;
        } else {
            root = byHost.computeIfAbsent(TrieRouter.normalise(host), key -> new ApiNode.Builder());
        }
        currentApi = root.at(segments);
        if (!currentApi.publish(basePath, catchAll)) {
            throw new IllegalArgumentException("another API is already published at " + (host == null ? "any host" : host) + basePath);
        }
        return this;
    }

    /** Adds an operation to the API last published; throws when the method and template are taken. */
    public RouterBuilder operation(String method, String pathTemplate, CompiledRoute route) {
        if (currentApi == null || currentApi.operations() == null) {
            throw new IllegalStateException("operation outside an API with operations");
        }
        List<PathTemplate.Segment> segments = PathTemplate.parse(pathTemplate);
        if (!currentApi.operations().add(segments, method, route)) {
            throw new IllegalArgumentException("duplicate operation " + method + " " + PathTemplate.canonical(segments));
        }
        currentApi.routed(route);
        return this;
    }

    /**
     * The route of the API last published for requests none of its operations match, instead of
     * 404/405: for an API whose contract-validation forwards undefined operations.
     */
    public RouterBuilder fallback(CompiledRoute route) {
        if (currentApi == null || currentApi.operations() == null) {
            throw new IllegalStateException("fallback outside an API with operations");
        }
        currentApi.fallback(route);
        return this;
    }

    public Router build() {
        Map<String, ApiNode> hosts = new HashMap<>();
        byHost.forEach((host, node) -> hosts.put(host, node.freeze()));
        return new TrieRouter(hosts, anyHost == null ? null : anyHost.freeze());
    }
}
