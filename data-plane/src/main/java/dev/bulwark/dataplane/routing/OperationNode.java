package dev.bulwark.dataplane.routing;

import dev.bulwark.dataplane.model.CompiledRoute;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of an API's operation trie: one path segment deep. Literal children are tried before the
 * variable child, so a literal segment beats a variable at the first position where they differ.
 */
final class OperationNode {
    private final SegmentTable<OperationNode> literals;
    private final OperationNode variable;
    private final String[] methods;
    private final CompiledRoute[] routes;

    private OperationNode(SegmentTable<OperationNode> literals, OperationNode variable, String[] methods, CompiledRoute[] routes) {
        this.literals = literals;
        this.variable = variable;
        this.methods = methods;
        this.routes = routes;
    }

    /**
     * The route for {@code method} at {@code path[from, end)}, where the region is empty or starts
     * with '/'; null when none.
     */
    CompiledRoute match(String method, String path, int from, int end) {
        if (from >= end) {
            return byMethod(method);
        }
        int start = from + 1;
        int next = path.indexOf('/', start);
        if (next < 0 || next > end) {
            next = end;
        }
        OperationNode literal = literals.get(path, start, next);
        if (literal != null) {
            CompiledRoute route = literal.match(method, path, next, end);
            if (route != null) {
                return route;
            }
        }
        if (variable != null && next > start) {
            return variable.match(method, path, next, end);
        }
        return null;
    }

    /** True when some operation has this path, whatever its method (tells 405 from 404). */
    boolean hasPath(String path, int from, int end) {
        if (from >= end) {
            return methods.length > 0;
        }
        int start = from + 1;
        int next = path.indexOf('/', start);
        if (next < 0 || next > end) {
            next = end;
        }
        OperationNode literal = literals.get(path, start, next);
        if (literal != null && literal.hasPath(path, next, end)) {
            return true;
        }
        return variable != null && next > start && variable.hasPath(path, next, end);
    }

    private CompiledRoute byMethod(String method) {
        CompiledRoute get = null;
        for (int i = 0; i < methods.length; i++) {
            String candidate = methods[i];
            if (candidate.equals(method)) {
                return routes[i];
            }
            if (candidate.equals("GET")) {
                get = routes[i];
            }
        }
        // HEAD is answered by the GET operation when the API declares no HEAD of its own.
        return "HEAD".equals(method) ? get : null;
    }

    /** Mutable form used while compiling; frozen into an {@link OperationNode}. */
    static final class Builder {
        private final Map<String, Builder> literals = new HashMap<>();
        private Builder variable;
        private final Map<String, CompiledRoute> routes = new LinkedHashMap<>();

        /** @return false when the method and template are already taken */
        boolean add(List<PathTemplate.Segment> segments, String method, CompiledRoute route) {
            Builder node = this;
            for (PathTemplate.Segment segment : segments) {
                if (segment.isVariable()) {
                    if (node.variable == null) {
                        node.variable = new Builder();
                    }
                    node = node.variable;
                } else {
                    node = node.literals.computeIfAbsent(segment.literal(), key -> new Builder());
                }
            }
            return node.routes.putIfAbsent(method, route) == null;
        }

        OperationNode freeze() {
            Map<String, OperationNode> frozen = new HashMap<>(literals.size() * 2);
            literals.forEach((key, child) -> frozen.put(key, child.freeze()));
            return new OperationNode(SegmentTable.of(frozen), variable == null ? null : variable.freeze(),
                    routes.keySet().toArray(String[]::new), routes.values().toArray(CompiledRoute[]::new));
        }
    }
}
