package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.ObjectReferences;
import dev.bulwark.securitytesting.openapi.SchemaUsage;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.openapi.Schemas;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads an operation's traits off the document, using the same heuristics as the audit rules. */
final class TraitDetector {

    private final ApiDocument document;
    private final GatewayPolicies gateway;

    TraitDetector(ApiDocument document, GatewayPolicies gateway) {
        this.document = document;
        this.gateway = gateway;
    }

    OperationTraits detect(ApiOperation op) {
        Set<Trait> traits = EnumSet.noneOf(Trait.class);
        List<SchemaWalker.Node> body = document.schemaUsage().nodesOf(op,
                use -> use.source() == SchemaUsage.Source.REQUEST_BODY);
        List<SchemaWalker.Node> success = document.schemaUsage().nodesOf(op, SchemaUsage.Use::successResponse);
        when(traits, Trait.UNAUTHENTICATED, gateway.admitsAnonymous(document, op));
        when(traits, Trait.TAKES_OBJECT_ID, !ObjectReferences.of(document, op).isEmpty());
        when(traits, Trait.MODIFIES_DATA, op.isWrite() && op.method() != HttpMethod.DELETE);
        when(traits, Trait.DELETES_DATA, op.isWrite() && op.method() == HttpMethod.DELETE);
        when(traits, Trait.CALLS_BACK, hasCallbacks(op) || op.isWebhook());
        when(traits, Trait.ACCEPTS_URL, hasCallbacks(op) || acceptsUrl(op, body));
        when(traits, Trait.UPLOADS_FILES, uploadsFiles(op, body));
        when(traits, Trait.RETURNS_SENSITIVE_DATA, success.stream().anyMatch(TraitDetector::isSensitive));
        when(traits, Trait.RETURNS_COLLECTION, op.method() == HttpMethod.GET && !op.isWebhook()
                && success.stream().anyMatch(n -> n.edge() == Edge.ROOT && Schemas.isArray(n.schema())));
        when(traits, Trait.BUSINESS_FLOW, op.isWrite() && NameHeuristics.isBusinessFlow(op.path(), op.operationId()));
        when(traits, Trait.ADMINISTRATIVE, !op.isWebhook() && NameHeuristics.isAdministrative(op.path()));
        return new OperationTraits(op.key(), traits);
    }

    private static void when(Set<Trait> traits, Trait trait, boolean present) {
        if (present) {
            traits.add(trait);
        }
    }

    private static boolean hasCallbacks(ApiOperation op) {
        return op.operation().getCallbacks() != null && !op.operation().getCallbacks().isEmpty();
    }

    private static boolean acceptsUrl(ApiOperation op, List<SchemaWalker.Node> body) {
        if (op.isWebhook()) {
            return false;
        }
        for (Located<Parameter> parameter : op.parameters()) {
            if (NameHeuristics.isUrlInput(parameter.value().getName(), parameter.value().getSchema())) {
                return true;
            }
        }
        return body.stream().anyMatch(n -> n.edge() == Edge.PROPERTY && !n.readOnly()
                && NameHeuristics.isUrlInput(n.propertyName(), n.schema()));
    }

    private boolean uploadsFiles(ApiOperation op, List<SchemaWalker.Node> body) {
        if (op.isWebhook()) {
            return false;
        }
        boolean fileMediaType = document.requestBody(op)
                .map(b -> b.value().getContent())
                .map(content -> content.keySet().stream().anyMatch(TraitDetector::isFileMediaType))
                .orElse(false);
        return fileMediaType || body.stream().anyMatch(n -> isFile(n.schema()));
    }

    private static boolean isFile(Schema<?> schema) {
        return Schemas.isString(schema) && ("binary".equals(schema.getFormat()) || "base64".equals(schema.getFormat())
                || schema.getContentMediaType() != null);
    }

    private static boolean isFileMediaType(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/octet-stream")
                || type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")
                || type.equals("application/pdf") || type.equals("application/zip");
    }

    static boolean isSensitive(SchemaWalker.Node node) {
        return node.edge() == Edge.PROPERTY && !node.writeOnly()
                && (NameHeuristics.sensitivity(node.propertyName()).isPresent()
                        || NameHeuristics.isPersonalData(node.propertyName())
                        || NameHeuristics.isFinancialData(node.propertyName()));
    }
}
