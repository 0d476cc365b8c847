package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every schema node of the document with the operations that use it, built once per document.
 * Each component's insides are walked once, whatever the number of operations reaching it, so a
 * problem in a shared schema is one node used by many operations (reported once, at the
 * component, with its users listed) and large documents stay linear to audit.
 */
public final class SchemaUsage {

    /** Where in an operation a schema is used. */
    public enum Source { PARAMETER, REQUEST_BODY, RESPONSE }

    /**
     * One use of a schema: by which operation, in which part, and for responses which status.
     * {@link #inbound()} tells whether the data enters the API (requests of served operations,
     * answers to webhooks) or leaves it (responses, webhook payloads).
     */
    public record Use(ApiOperation operation, Source source, String status) {

        public boolean inbound() {
            return operation.isWebhook() == (source == Source.RESPONSE);
        }

        public boolean successResponse() {
            return source == Source.RESPONSE && status.startsWith("2");
        }
    }

    /** A node and the operations that reach it through the selected uses, in document order. */
    public record UsedNode(SchemaWalker.Node node, List<ApiOperation> operations) {}

    private record Root(Use use, SchemaWalker.Shallow walk) {}

    private record NodeKey(JsonPointer location, JsonPointer declaredAt, SchemaWalker.Edge edge, String property,
            boolean readOnly, boolean writeOnly) {
        static NodeKey of(SchemaWalker.Node n) {
            return new NodeKey(n.location(), n.declaredAt(), n.edge(), n.propertyName(), n.readOnly(), n.writeOnly());
        }
    }

    private final ApiDocument document;
    private final List<Root> roots = new ArrayList<>();
    private final Map<JsonPointer, SchemaWalker.Shallow> components = new HashMap<>();
    private final Map<JsonPointer, List<Use>> componentUses = new LinkedHashMap<>();

    private SchemaUsage(ApiDocument document) {
        this.document = document;
    }

    static SchemaUsage of(ApiDocument document) {
        SchemaUsage usage = new SchemaUsage(document);
        for (ApiOperation op : document.allOperations()) {
            usage.index(op);
        }
        return usage;
    }

    /** Nodes reached through the uses {@code filter} accepts, each once, with its operations. */
    public List<UsedNode> nodes(Predicate<Use> filter) {
        Map<NodeKey, Entry> out = new LinkedHashMap<>();
        for (Root root : roots) {
            if (filter.test(root.use())) {
                List<ApiOperation> user = List.of(root.use().operation());
                for (SchemaWalker.Node node : root.walk().nodes()) {
                    out.computeIfAbsent(NodeKey.of(node), k -> new Entry(node)).add(user);
                }
            }
        }
        componentUses.forEach((component, uses) -> {
            List<ApiOperation> users = distinct(uses.stream().filter(filter).map(Use::operation).toList());
            if (!users.isEmpty()) {
                // One list shared by every node of the component: large components reached by
                // hundreds of operations would otherwise cost nodes × operations.
                for (SchemaWalker.Node node : components.get(component).nodes()) {
                    out.computeIfAbsent(NodeKey.of(node), k -> new Entry(node)).add(users);
                }
            }
        });
        return out.values().stream().map(Entry::toUsedNode).toList();
    }

    /** Nodes of one operation's uses accepted by {@code filter}, components followed. */
    public List<SchemaWalker.Node> nodesOf(ApiOperation op, Predicate<Use> filter) {
        List<SchemaWalker.Node> out = new ArrayList<>();
        Set<JsonPointer> reached = new LinkedHashSet<>();
        for (Root root : roots) {
            if (root.use().operation() == op && filter.test(root.use())) {
                out.addAll(root.walk().nodes());
                reached.addAll(closure(root.walk().references()));
            }
        }
        reached.forEach(component -> out.addAll(components.get(component).nodes()));
        return out;
    }

    private void index(ApiOperation op) {
        for (Located<Parameter> parameter : op.parameters()) {
            Parameter p = parameter.value();
            List<Located<Schema<?>>> schemas = new ArrayList<>();
            if (p.getSchema() != null) {
                schemas.add(new Located<>(p.getSchema(), parameter.location().child("schema")));
            }
            schemas.addAll(ApiDocument.schemas(p.getContent(), parameter.location()));
            schemas.forEach(s -> add(new Use(op, Source.PARAMETER, ""), s, p.getName()));
        }
        document.requestBody(op).ifPresent(body -> ApiDocument.schemas(body.value().getContent(), body.location())
                .forEach(s -> add(new Use(op, Source.REQUEST_BODY, ""), s, null)));
        document.responses(op).forEach((status, response) ->
                ApiDocument.schemas(response.value().getContent(), response.location())
                        .forEach(s -> add(new Use(op, Source.RESPONSE, status), s, null)));
    }

    private void add(Use use, Located<Schema<?>> schema, String parameterName) {
        SchemaWalker.Shallow walk = SchemaWalker.shallow(document, schema, parameterName);
        roots.add(new Root(use, walk));
        for (JsonPointer component : closure(walk.references())) {
            componentUses.computeIfAbsent(component, k -> new ArrayList<>()).add(use);
        }
    }

    /** The components reachable from {@code start}, each walked once per document. */
    private Set<JsonPointer> closure(Set<JsonPointer> start) {
        Set<JsonPointer> seen = new HashSet<>();
        Deque<JsonPointer> pending = new ArrayDeque<>(start);
        while (!pending.isEmpty()) {
            JsonPointer component = pending.pop();
            if (seen.add(component)) {
                pending.addAll(walk(component).references());
            }
        }
        return seen;
    }

    private SchemaWalker.Shallow walk(JsonPointer component) {
        SchemaWalker.Shallow walk = components.get(component);
        if (walk == null) {
            Schema<?> schema = document.componentSchemas().get(component.last().orElseThrow());
            walk = schema == null
                    ? new SchemaWalker.Shallow(List.of(), Set.of())
                    : SchemaWalker.componentInsides(document, new Located<>(schema, component));
            components.put(component, walk);
        }
        return walk;
    }

    /** Operations are told apart by location: their swagger models have deep (slow) equality. */
    private static List<ApiOperation> distinct(List<ApiOperation> operations) {
        Map<JsonPointer, ApiOperation> byLocation = new LinkedHashMap<>();
        operations.forEach(op -> byLocation.putIfAbsent(op.location(), op));
        return List.copyOf(byLocation.values());
    }

    /** A node and its users, merged only when a second list of users arrives (rare). */
    private static final class Entry {
        private final SchemaWalker.Node node;
        private List<ApiOperation> operations = List.of();
        private boolean merged;

        Entry(SchemaWalker.Node node) {
            this.node = node;
        }

        void add(List<ApiOperation> users) {
            if (operations.isEmpty()) {
                operations = users;
            } else {
                List<ApiOperation> all = new ArrayList<>(operations);
                all.addAll(users);
                operations = all;
                merged = true;
            }
        }

        UsedNode toUsedNode() {
            return new UsedNode(node, merged ? distinct(operations) : operations);
        }
    }
}
