package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.ObjectReferences;
import dev.bulwark.securitytesting.openapi.SchemaUsage;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.openapi.SchemaWalker.Edge;
import dev.bulwark.securitytesting.openapi.Schemas;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one operation takes and returns, by name, as threats refer to it: {@code 'q' (query)},
 * {@code 'email' (body)}, {@code 'ssn' (response)}. Lists are capped so that one threat stays
 * readable on operations with hundreds of properties.
 */
record OperationInputs(List<ThreatModel.Input> inputs, List<ObjectReferences.Reference> objectReferences,
        List<String> freeText, List<String> urls, List<String> unbounded, List<String> openObjects,
        List<String> sensitiveOut, List<String> credentialsInUrl, List<String> answerProperties, boolean hasBody) {

    static final int MAX_TARGETS = 25;

    static OperationInputs of(ApiDocument document, ApiOperation op) {
        List<ThreatModel.Input> inputs = new ArrayList<>();
        Set<String> freeText = new LinkedHashSet<>();
        Set<String> urls = new LinkedHashSet<>();
        Set<String> unbounded = new LinkedHashSet<>();
        Set<String> credentials = new LinkedHashSet<>();
        for (Located<Parameter> located : op.parameters()) {
            Parameter p = located.value();
            String label = "'" + p.getName() + "' (" + p.getIn() + ")";
            inputs.add(new ThreatModel.Input(p.getName(), p.getIn(), located.location().toString()));
            classify(p.getName(), p.getSchema(), label, freeText, urls, unbounded);
            if (("query".equals(p.getIn()) || "path".equals(p.getIn())) && NameHeuristics.isCredentialName(p.getName())) {
                credentials.add(label);
            }
        }
        Set<String> open = new LinkedHashSet<>();
        List<SchemaWalker.Node> body = op.isWebhook() ? List.of() : document.schemaUsage().nodesOf(op,
                use -> use.source() == SchemaUsage.Source.REQUEST_BODY);
        for (SchemaWalker.Node node : body) {
            if (node.edge() == Edge.PROPERTY && !node.readOnly()) {
                String label = "'" + node.propertyName() + "' (body)";
                inputs.add(new ThreatModel.Input(node.propertyName(), "body", node.declaredAt().toString()));
                classify(node.propertyName(), node.schema(), label, freeText, urls, unbounded);
            }
            if (Schemas.isObjectLike(node.schema()) && !node.readOnly() && node.edge() != Edge.ALL_OF
                    && (Schemas.extras(node.schema()) == Schemas.Extras.UNSPECIFIED
                            || Schemas.extras(node.schema()) == Schemas.Extras.OPEN)) {
                open.add(node.name() == null ? "request body" : "'" + node.name() + "'");
            }
        }
        Set<String> sensitive = new LinkedHashSet<>();
        Set<String> answers = new LinkedHashSet<>();
        document.schemaUsage().nodesOf(op, use -> !use.inbound()).forEach(node -> {
            if (TraitDetector.isSensitive(node)) {
                sensitive.add("'" + node.propertyName() + "' (" + (op.isWebhook() ? "payload" : "response") + ")");
            }
        });
        if (op.isWebhook()) {
            document.schemaUsage().nodesOf(op, SchemaUsage.Use::inbound).forEach(node -> {
                if (node.edge() == Edge.PROPERTY) {
                    answers.add("'" + node.propertyName() + "' (answer)");
                }
            });
        }
        return new OperationInputs(inputs, ObjectReferences.of(document, op), cap(freeText), cap(urls),
                cap(unbounded), cap(open), cap(sensitive), cap(credentials), cap(answers),
                !op.isWebhook() && document.requestBody(op).isPresent());
    }

    private static void classify(String name, Schema<?> schema, String label, Set<String> freeText, Set<String> urls,
            Set<String> unbounded) {
        if (schema == null) {
            return;
        }
        if (NameHeuristics.isUrlInput(name, schema)) {
            urls.add(label);
        } else if (Schemas.isString(schema) && !Schemas.isEnumerated(schema) && schema.getFormat() == null
                && schema.getPattern() == null) {
            freeText.add(label);
        }
        if ((Schemas.isString(schema) && schema.getMaxLength() == null && !Schemas.isEnumerated(schema))
                || (Schemas.isArray(schema) && schema.getMaxItems() == null)) {
            unbounded.add(label);
        }
    }

    private static List<String> cap(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        if (list.size() <= MAX_TARGETS) {
            return list;
        }
        List<String> capped = new ArrayList<>(list.subList(0, MAX_TARGETS));
        capped.add("… " + (list.size() - MAX_TARGETS) + " more");
        return capped;
    }
}
