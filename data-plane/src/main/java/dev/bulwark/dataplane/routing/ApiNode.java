package dev.bulwark.dataplane.routing;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.RouteMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a host's base-path trie. When an API is published at this node, {@code catchAll} (an
 * API without operations) or {@code operations} says what it serves below its base path; an API
 * with operations may also have a {@code fallback} for requests no operation matches (when its
 * contract-validation policy forwards undefined operations instead of refusing them). Without one,
 * a request no operation matches gets {@code notFound} or {@code methodNotAllowed}: the API's
 * refusals, made once here so reporting which API refused allocates nothing per request.
 */
final class ApiNode {
    final SegmentTable<ApiNode> children;
    final boolean hasApi;
    final CompiledRoute catchAll;
    final OperationNode operations;
    final CompiledRoute fallback;
    /** Null when the API is unknown (published without any operation or fallback route). */
    final RouteMatch notFound;
    final RouteMatch methodNotAllowed;

    private ApiNode(SegmentTable<ApiNode> children, boolean hasApi, CompiledRoute catchAll, OperationNode operations,
                    CompiledRoute fallback, ApiEntry api, String basePath) {
        this.children = children;
        this.hasApi = hasApi;
        this.catchAll = catchAll;
        this.operations = operations;
        this.fallback = fallback;
        boolean refuses = operations != null && fallback == null && api != null;
        this.notFound = refuses ? RouteMatch.refused(api, basePath, 404) : null;
        this.methodNotAllowed = refuses ? RouteMatch.refused(api, basePath, 405) : null;
    }

    static final class Builder {
        private final Map<String, Builder> children = new HashMap<>();
        private boolean hasApi;
        private CompiledRoute catchAll;
        private OperationNode.Builder operations;
        private CompiledRoute fallback;
        private String basePath;
        private ApiEntry api;

        /** The node of a base path, created on demand. */
        Builder at(List<String> basePath) {
            Builder node = this;
            for (String literal : basePath) {
                node = node.children.computeIfAbsent(literal, key -> new Builder());
            }
            return node;
        }

        /** @return false when an API is already published at this base path */
        boolean publish(String path, CompiledRoute catchAllRoute) {
            if (hasApi) {
                return false;
            }
            hasApi = true;
            basePath = path;
            catchAll = catchAllRoute;
            if (catchAllRoute == null) {
                operations = new OperationNode.Builder();
            }
            return true;
        }

        OperationNode.Builder operations() {
            return operations;
        }

        void fallback(CompiledRoute route) {
            fallback = route;
            routed(route);
        }

        /** Notes the API a route of this node belongs to (every route of a node has the same). */
        void routed(CompiledRoute route) {
            if (api == null) {
                api = route.api();
            }
        }

        ApiNode freeze() {
            Map<String, ApiNode> frozen = new HashMap<>(children.size() * 2);
            children.forEach((key, child) -> frozen.put(key, child.freeze()));
            return new ApiNode(SegmentTable.of(frozen), hasApi, catchAll, operations == null ? null : operations.freeze(), fallback,
                    api, basePath);
        }
    }
}
