package dev.bulwark.securitytesting.scan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Excess data exposure: the properties of a successful JSON response (an object, or the first item
 * of an array) compared with the documented schema. Undeclared properties are reported by name,
 * never by value; a sensitive name (credential, personal or financial data) raises the severity.
 */
final class DataExposureCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("excessive-data-exposure",
            "Response carries properties the contract does not declare", OwaspApiTop10.API3, Severity.MEDIUM, false,
            "Serialise responses from an explicit view of the documented properties; the gateway's response "
                    + "validation can refuse undeclared ones.");

    DataExposureCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        ApiDocument document = context.target().document();
        for (ApiOperation operation : Targets.reads(context)) {
            if (context.probe().stopped()) {
                continue;
            }
            Optional<Schema<?>> schema = Targets.successSchema(document, operation);
            Optional<Exchange> exchange = Targets.baseline(context, operation);
            if (schema.isEmpty() || exchange.isEmpty()) {
                continue;
            }
            Schema<?> objectSchema = Schemas.isArray(schema.get())
                    ? Targets.resolve(document, schema.get().getItems()) : schema.get();
            Optional<JsonNode> body = Targets.json(exchange.get());
            if (objectSchema == null || !Schemas.hasProperties(objectSchema) || body.isEmpty()) {
                continue;
            }
            JsonNode object = body.get().isArray() ? body.get().path(0) : body.get();
            List<String> extra = new ArrayList<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!objectSchema.getProperties().containsKey(name)) {
                    extra.add(name);
                }
            }
            if (extra.isEmpty()) {
                continue;
            }
            List<String> sensitive = extra.stream().filter(name -> NameHeuristics.isCredentialName(name)
                    || NameHeuristics.sensitivity(name).isPresent()).toList();
            String message = operation.key() + " returned undeclared properties " + extra
                    + (sensitive.isEmpty() ? "." : ", sensitive ones among them: " + sensitive + ".");
            report(context, sensitive.isEmpty() ? Severity.MEDIUM : Severity.HIGH, operation.key(), String.join(",", extra),
                    message, "GET " + context.redactor().text(exchange.get().request().pathAndQuery()) + " -> "
                            + exchange.get().status() + "; undeclared properties: " + extra + " (values withheld)");
        }
    }
}
