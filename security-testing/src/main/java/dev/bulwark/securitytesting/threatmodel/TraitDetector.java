package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.openapi.Schemas;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads an operation's traits off the document, using the same heuristics as the audit rules. */
final class TraitDetector {

    private static final Pattern ADMIN_SEGMENT = Pattern.compile(
            "(?i)admin|administration|internal|management|manage|debug|actuator|ops|backoffice|superuser");

    private final ApiDocument document;

    TraitDetector(ApiDocument document) {
        this.document = document;
    }

    OperationTraits detect(ApiOperation op) {
        Set<Trait> traits = EnumSet.noneOf(Trait.class);
        List<SchemaWalker.Node> body = walk(requestBodySchemas(op));
        List<SchemaWalker.Node> success = walk(successSchemas(op));
        when(traits, Trait.UNAUTHENTICATED, document.allowsAnonymous(op));
        when(traits, Trait.TAKES_OBJECT_ID, op.parametersIn("path").stream()
                .anyMatch(p -> NameHeuristics.isObjectIdentifier(p.value().getName())));
        when(traits, Trait.MODIFIES_DATA, op.isWrite() && op.method() != HttpMethod.DELETE);
        when(traits, Trait.DELETES_DATA, op.method() == HttpMethod.DELETE);
        when(traits, Trait.CALLS_BACK, hasCallbacks(op));
        when(traits, Trait.ACCEPTS_URL, hasCallbacks(op) || acceptsUrl(op, body));
        when(traits, Trait.UPLOADS_FILES, uploadsFiles(op, body));
        when(traits, Trait.RETURNS_SENSITIVE_DATA, success.stream().anyMatch(TraitDetector::isSensitive));
        when(traits, Trait.RETURNS_COLLECTION, op.method() == HttpMethod.GET
                && successSchemas(op).stream().anyMatch(s -> isArray(s.value())));
        when(traits, Trait.BUSINESS_FLOW, op.isWrite()
                && NameHeuristics.isBusinessFlow(op.path(), op.operation().getOperationId()));
        when(traits, Trait.ADMINISTRATIVE, isAdministrative(op.path()));
        return new OperationTraits(op.key(), traits);
    }

    private static void when(Set<Trait> traits, Trait trait, boolean present) {
        if (present) {
            traits.add(trait);
        }
    }

    private List<Located<Schema<?>>> requestBodySchemas(ApiOperation op) {
        return document.requestBody(op)
                .map(body -> ApiDocument.schemas(body.value().getContent(), body.location()))
                .orElse(List.of());
    }

    private List<Located<Schema<?>>> successSchemas(ApiOperation op) {
        List<Located<Schema<?>>> out = new ArrayList<>();
        document.responses(op).forEach((status, response) -> {
            if (status.startsWith("2")) {
                out.addAll(ApiDocument.schemas(response.value().getContent(), response.location()));
            }
        });
        return out;
    }

    private List<SchemaWalker.Node> walk(List<Located<Schema<?>>> roots) {
        return roots.stream().flatMap(root -> SchemaWalker.nodes(document, root).stream()).toList();
    }

    private boolean isArray(Schema<?> schema) {
        if (schema.get$ref() != null) {
            return document.componentSchema(schema.get$ref()).map(c -> Schemas.isArray(c.value())).orElse(false);
        }
        return Schemas.isArray(schema);
    }

    private static boolean hasCallbacks(ApiOperation op) {
        return op.operation().getCallbacks() != null && !op.operation().getCallbacks().isEmpty();
    }

    private static boolean acceptsUrl(ApiOperation op, List<SchemaWalker.Node> body) {
        for (Located<Parameter> parameter : op.parameters()) {
            if (NameHeuristics.isUrlInput(parameter.value().getName(), parameter.value().getSchema())) {
                return true;
            }
        }
        return body.stream().anyMatch(n -> n.edge() == Edge.PROPERTY && !n.readOnly()
                && NameHeuristics.isUrlInput(n.propertyName(), n.schema()));
    }

    private boolean uploadsFiles(ApiOperation op, List<SchemaWalker.Node> body) {
        boolean fileMediaType = document.requestBody(op)
                .map(b -> b.value().getContent())
                .map(content -> content.keySet().stream().anyMatch(TraitDetector::isFileMediaType))
                .orElse(false);
        return fileMediaType || body.stream().anyMatch(n -> Schemas.isString(n.schema())
                && ("binary".equals(n.schema().getFormat()) || "base64".equals(n.schema().getFormat())
                        || n.schema().getContentMediaType() != null));
    }

    private static boolean isFileMediaType(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/octet-stream")
                || type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")
                || type.equals("application/pdf") || type.equals("application/zip");
    }

    private static boolean isSensitive(SchemaWalker.Node node) {
        return node.edge() == Edge.PROPERTY && !node.writeOnly()
                && (NameHeuristics.sensitivity(node.propertyName()).isPresent()
                        || NameHeuristics.isPersonalData(node.propertyName()));
    }

    private static boolean isAdministrative(String path) {
        for (String segment : path.split("/")) {
            if (ADMIN_SEGMENT.matcher(segment).matches()) {
                return true;
            }
        }
        return false;
    }
}
