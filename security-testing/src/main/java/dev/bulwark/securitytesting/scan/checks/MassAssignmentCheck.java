package dev.bulwark.securitytesting.scan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mass assignment (writes only): a create or update request carries the schema's writable
 * properties plus every {@code readOnly} one and one the schema does not declare, each with a marker
 * value. A marker that comes back in the response was accepted.
 */
final class MassAssignmentCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("mass-assignment",
            "Read-only or undeclared property accepted on write", OwaspApiTop10.API3, Severity.HIGH, true,
            "Bind request bodies to an explicit list of writable properties; enforce the contract at the gateway "
                    + "(contract-validation refuses undeclared and readOnly properties).");
    static final String UNDECLARED = "bulwarkScanRole";
    private static final String MARKER = "bulwark-scan-marker";
    private static final long NUMBER_MARKER = 7_654_321L;
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    MassAssignmentCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        ApiDocument document = context.target().document();
        for (ApiOperation operation : document.operations()) {
            if (context.probe().stopped() || operation.isWebhook() || !WRITES.contains(operation.method())) {
                continue;
            }
            Optional<Schema<?>> schema = Targets.requestSchema(document, operation).filter(Schemas::hasProperties);
            Optional<String> path = Targets.path(context, operation);
            if (schema.isEmpty() || path.isEmpty()) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>(Targets.sampleBody(document, schema.get()));
            Map<String, Object> planted = new LinkedHashMap<>();
            schema.get().getProperties().forEach((name, property) -> {
                Schema<?> resolved = Targets.resolve(document, property);
                if (resolved != null && Boolean.TRUE.equals(resolved.getReadOnly())) {
                    planted.put(name, Schemas.isNumeric(resolved) ? (Object) NUMBER_MARKER : MARKER);
                }
            });
            planted.put(UNDECLARED, MARKER);
            body.putAll(planted);
            String json;
            try {
                json = Targets.JSON.writeValueAsString(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                continue;
            }
            Optional<Exchange> response = context.probe()
                    .send(new ProbeRequest(operation.method().name(), path.get(), context.target().primary(), Map.of(), json))
                    .filter(Exchange::succeeded);
            Optional<JsonNode> echoed = response.flatMap(Targets::json);
            if (echoed.isEmpty()) {
                continue;
            }
            planted.forEach((name, value) -> {
                JsonNode field = echoed.get().get(name);
                if (field != null && field.asText().equals(String.valueOf(value))) {
                    report(context, operation.key(), name, operation.key() + " stored the "
                            + (name.equals(UNDECLARED) ? "undeclared" : "readOnly") + " property " + name
                            + " sent by the client.", response.get());
                }
            });
        }
    }
}
