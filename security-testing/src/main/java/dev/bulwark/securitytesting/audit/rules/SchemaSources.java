package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Where the schemas that rules inspect come from: what clients send, what the API returns. */
final class SchemaSources {

    private SchemaSources() {}

    /** Schemas of everything a client sends: parameters and request bodies. */
    static List<Located<Schema<?>>> inputs(ApiDocument document, ApiOperation operation) {
        List<Located<Schema<?>>> out = new ArrayList<>();
        for (Located<Parameter> parameter : operation.parameters()) {
            Parameter p = parameter.value();
            if (p.getSchema() != null) {
                out.add(new Located<>(p.getSchema(), parameter.location().child("schema")));
            }
            out.addAll(ApiDocument.schemas(p.getContent(), parameter.location()));
        }
        out.addAll(requestBody(document, operation));
        return out;
    }

    static List<Located<Schema<?>>> requestBody(ApiDocument document, ApiOperation operation) {
        return document.requestBody(operation)
                .map(body -> ApiDocument.schemas(body.value().getContent(), body.location()))
                .orElse(List.of());
    }

    /** Response schemas of the status codes accepted by {@code status}. */
    static List<Located<Schema<?>>> responses(ApiDocument document, ApiOperation operation,
            Predicate<String> status) {
        List<Located<Schema<?>>> out = new ArrayList<>();
        document.responses(operation).forEach((code, response) -> {
            if (status.test(code)) {
                out.addAll(ApiDocument.schemas(response.value().getContent(), response.location()));
            }
        });
        return out;
    }

    static List<SchemaWalker.Node> walk(ApiDocument document, List<Located<Schema<?>>> roots) {
        return roots.stream().flatMap(root -> SchemaWalker.nodes(document, root).stream()).toList();
    }

    static boolean isSuccess(String status) {
        return status.startsWith("2");
    }
}
