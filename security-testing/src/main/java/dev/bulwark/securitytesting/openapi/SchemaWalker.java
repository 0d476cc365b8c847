package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Visits a schema and everything nested in it. Two modes: {@link #nodes} follows local component
 * references (each component's insides once per walk, so recursive models terminate);
 * {@link #shallow} stops at references and reports them, which lets {@link SchemaUsage} walk each
 * component once per document instead of once per operation that reaches it.
 */
public final class SchemaWalker {

    /** How a node was reached from its parent. */
    public enum Edge { ROOT, PROPERTY, ITEMS, ADDITIONAL_PROPERTIES, ALL_OF, ANY_OF, ONE_OF, NOT }

    /**
     * A visited schema, references already followed: {@code location} is where the schema is
     * defined, {@code declaredAt} where it is used (they differ for a {@code $ref}).
     * {@code propertyName} is set for {@link Edge#PROPERTY}, and on the root of a parameter's
     * schema to the parameter's name; the read/write-only flags also count when written beside
     * the reference.
     */
    public record Node(Schema<?> schema, JsonPointer location, JsonPointer declaredAt, Edge edge,
            String propertyName, boolean readOnly, boolean writeOnly) {

        /** True when the node is a use of a component defined elsewhere. */
        public boolean isReference() {
            return !location.equals(declaredAt);
        }

        /** The component's name for a reference, else the property name, else null. */
        public String name() {
            return isReference() ? location.last().orElse(null) : propertyName;
        }
    }

    /** A shallow walk: the nodes written at the root and the components it refers to. */
    record Shallow(List<Node> nodes, Set<JsonPointer> references) {}

    // Guards against absurd inline nesting; references are already cut by the visited set.
    private static final int MAX_DEPTH = 64;

    private final ApiDocument document;
    private final boolean followReferences;
    private final Set<JsonPointer> visitedComponents = new HashSet<>();
    private final List<Node> nodes = new ArrayList<>();

    private SchemaWalker(ApiDocument document, boolean followReferences) {
        this.document = document;
        this.followReferences = followReferences;
    }

    /** Everything reachable from the root, components included (each once). */
    public static List<Node> nodes(ApiDocument document, Located<Schema<?>> root) {
        SchemaWalker walker = new SchemaWalker(document, true);
        walker.visit(root.value(), root.location(), Edge.ROOT, null, 0);
        return List.copyOf(walker.nodes);
    }

    /** The root and what is written inside it; component references become nodes but are not entered. */
    static Shallow shallow(ApiDocument document, Located<Schema<?>> root, String rootName) {
        SchemaWalker walker = new SchemaWalker(document, false);
        walker.visit(root.value(), root.location(), Edge.ROOT, rootName, 0);
        return new Shallow(List.copyOf(walker.nodes), Set.copyOf(walker.visitedComponents));
    }

    /** The insides of a component (not its own root node), references reported, not entered. */
    static Shallow componentInsides(ApiDocument document, Located<Schema<?>> component) {
        SchemaWalker walker = new SchemaWalker(document, false);
        Schema<?> schema = component.value();
        if (schema.get$ref() != null) {
            // An alias: the component is another one under a second name.
            walker.visit(schema, component.location(), Edge.ROOT, null, 1);
        } else {
            walker.children(schema, component.location(), 1);
        }
        return new Shallow(List.copyOf(walker.nodes), Set.copyOf(walker.visitedComponents));
    }

    private void visit(Schema<?> declared, JsonPointer at, Edge edge, String propertyName, int depth) {
        if (declared == null || depth > MAX_DEPTH) {
            return;
        }
        Schema<?> schema = declared;
        JsonPointer location = at;
        boolean enter = true;
        if (declared.get$ref() != null) {
            var target = document.componentSchema(declared.get$ref());
            if (target.isEmpty()) {
                return;
            }
            schema = target.get().value();
            location = target.get().location();
            enter = visitedComponents.add(location) && followReferences;
        }
        nodes.add(new Node(schema, location, at, edge, propertyName,
                Boolean.TRUE.equals(declared.getReadOnly()) || Boolean.TRUE.equals(schema.getReadOnly()),
                Boolean.TRUE.equals(declared.getWriteOnly()) || Boolean.TRUE.equals(schema.getWriteOnly())));
        if (enter) {
            children(schema, location, depth + 1);
        }
    }

    @SuppressWarnings("rawtypes")
    private void children(Schema<?> schema, JsonPointer at, int depth) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            properties.forEach((name, property) ->
                    visit(property, at.child("properties", name), Edge.PROPERTY, name, depth));
        }
        visit(schema.getItems(), at.child("items"), Edge.ITEMS, null, depth);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            visit(values, at.child("additionalProperties"), Edge.ADDITIONAL_PROPERTIES, null, depth);
        }
        visitAll(schema.getAllOf(), at.child("allOf"), Edge.ALL_OF, depth);
        visitAll(schema.getAnyOf(), at.child("anyOf"), Edge.ANY_OF, depth);
        visitAll(schema.getOneOf(), at.child("oneOf"), Edge.ONE_OF, depth);
        visit(schema.getNot(), at.child("not"), Edge.NOT, null, depth);
    }

    @SuppressWarnings("rawtypes")
    private void visitAll(List<Schema> schemas, JsonPointer at, Edge edge, int depth) {
        if (schemas != null) {
            for (int i = 0; i < schemas.size(); i++) {
                visit(schemas.get(i), at.child(i), edge, null, depth);
            }
        }
    }
}
