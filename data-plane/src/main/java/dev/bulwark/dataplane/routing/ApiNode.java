package dev.bulwark.dataplane.routing;

import dev.bulwark.dataplane.model.CompiledRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a host's base-path trie. When an API is published at this node, {@code catchAll} (an
 * API without operations) or {@code operations} says what it serves below its base path; an API
 * with operations may also have a {@code fallback} for requests no operation matches (when its
 * contract-validation policy forwards undefined operations instead of refusing them).
 */
final class ApiNode {
    final SegmentTable<ApiNode> children;
    final boolean hasApi;
    final CompiledRoute catchAll;
    final OperationNode operations;
    final CompiledRoute fallback;

    private ApiNode(SegmentTable<ApiNode> children, boolean hasApi, CompiledRoute catchAll, OperationNode operations,
                    CompiledRoute fallback) {
        this.children = children;
        this.hasApi = hasApi;
        this.catchAll = catchAll;
        this.operations = operations;
        this.fallback = fallback;
    }

    static final class Builder {
        private final Map<String, Builder> children = new HashMap<>();
        private boolean hasApi;
        private CompiledRoute catchAll;
        private OperationNode.Builder operations;
        private CompiledRoute fallback;

        /** The node of a base path, created on demand. */
        Builder at(List<String> basePath) {
            Builder node = this;
            for (String literal : basePath) {
                node = node.children.computeIfAbsent(literal, key -> new Builder());
            }
            return node;
        }

        /** @return false when an API is already published at this base path */
        boolean publish(CompiledRoute catchAllRoute) {
            if (hasApi) {
                return false;
            }
            hasApi = true;
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
        }

        ApiNode freeze() {
            Map<String, ApiNode> frozen = new HashMap<>(children.size() * 2);
            children.forEach((key, child) -> frozen.put(key, child.freeze()));
            return new ApiNode(SegmentTable.of(frozen), hasApi, catchAll, operations == null ? null : operations.freeze(), fallback);
        }
    }
}
