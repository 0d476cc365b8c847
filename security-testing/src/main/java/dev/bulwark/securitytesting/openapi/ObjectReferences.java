package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where an operation takes a reference to a stored object, the inputs BOLA is about.
 *
 * <ul>
 *   <li>Path parameters select a resource by position ({@code /customers/{customer}},
 *       {@code /repos/{owner}/{repo}/issues/{issue_number}}), so every one is an object reference
 *       unless its schema says it is not one: a fixed set of values (enum/const), a boolean, a
 *       fractional number, or a date/time.</li>
 *   <li>Query parameters and request body properties carry references by name ({@code id},
 *       {@code customer_id}, {@code orderIds}, {@code accountUUID}) or by format ({@code uuid}).
 *       Read-only body properties are assigned by the server and excluded.</li>
 * </ul>
 * Headers are left out: the ids they carry (request, correlation, idempotency) name requests,
 * not objects.
 */
public final class ObjectReferences {

    /** One input that names a stored object. {@code in} is path, query, cookie or body. */
    public record Reference(String name, String in, Schema<?> schema, JsonPointer location) {

        /** Guessable by counting: an integer. */
        public boolean isSequential() {
            return schema != null && (Schemas.types(schema).contains("integer")
                    || (Schemas.types(schema).contains("number") && schema.getFormat() != null
                            && schema.getFormat().startsWith("int")));
        }

        public String label() {
            return "'" + name + "' (" + in + ")";
        }
    }

    private static final Set<String> NOT_IDENTIFIER_FORMATS = Set.of("date", "date-time", "time", "duration",
            "float", "double");

    private ObjectReferences() {}

    public static List<Reference> of(ApiDocument document, ApiOperation op) {
        List<Reference> out = new ArrayList<>();
        for (Located<Parameter> located : op.parameters()) {
            Parameter p = located.value();
            Schema<?> schema = schemaOf(document, p);
            boolean reference = switch (p.getIn()) {
                case "path" -> op.path().contains("{" + p.getName() + "}") && canIdentify(schema);
                case "query", "cookie" -> isNamedOrFormattedId(p.getName(), schema);
                default -> false;
            };
            if (reference) {
                out.add(new Reference(p.getName(), p.getIn(), schema, located.location()));
            }
        }
        if (op.isWebhook()) {
            return out;
        }
        for (SchemaWalker.Node node : document.schemaUsage().nodesOf(op,
                use -> use.source() == SchemaUsage.Source.REQUEST_BODY)) {
            if (node.edge() == SchemaWalker.Edge.PROPERTY && !node.readOnly()
                    && isNamedOrFormattedId(node.propertyName(), node.schema())) {
                out.add(new Reference(node.propertyName(), "body", node.schema(), node.declaredAt()));
            }
        }
        return out;
    }

    /** A path parameter identifies an object unless its schema makes that impossible. */
    static boolean canIdentify(Schema<?> schema) {
        if (schema == null) {
            return true;
        }
        Set<String> types = Schemas.types(schema);
        boolean fractional = types.contains("number") && !(schema.getFormat() != null && schema.getFormat().startsWith("int"));
        return !Schemas.isEnumerated(schema) && !types.contains("boolean") && !fractional
                && (schema.getFormat() == null || !NOT_IDENTIFIER_FORMATS.contains(schema.getFormat()));
    }

    private static boolean isNamedOrFormattedId(String name, Schema<?> schema) {
        if (schema != null && (Schemas.isEnumerated(schema) || Schemas.types(schema).contains("boolean"))) {
            return false;
        }
        Schema<?> values = schema != null && Schemas.isArray(schema) && schema.getItems() != null ? schema.getItems() : schema;
        boolean uuid = values != null && "uuid".equals(values.getFormat());
        return uuid || NameHeuristics.isObjectIdentifier(name);
    }

    private static Schema<?> schemaOf(ApiDocument document, Parameter p) {
        Schema<?> schema = p.getSchema();
        if (schema != null && schema.get$ref() != null) {
            return document.componentSchema(schema.get$ref()).map(Located::value).orElse(schema);
        }
        return schema;
    }
}
