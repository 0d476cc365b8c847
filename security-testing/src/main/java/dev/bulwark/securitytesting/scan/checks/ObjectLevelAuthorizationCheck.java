package dev.bulwark.securitytesting.scan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;
import java.util.Optional;

/**
 * BOLA with two identities: an object the primary identity owns (found by listing its collection,
 * or created by it when writes are allowed) is read by the secondary identity. Answering it is the
 * finding. An object that the secondary identity's own listing shows too is shared (a catalogue
 * item), not owned, and is not tried.
 */
final class ObjectLevelAuthorizationCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("bola", "Another consumer's object is readable",
            OwaspApiTop10.API1, Severity.HIGH, false,
            "Check on every request that the object belongs to the caller (tenant and user), and answer 404 otherwise.");

    ObjectLevelAuthorizationCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        Optional<Identity> other = context.target().secondary();
        if (other.isEmpty()) {
            skip(context, "no second identity was given");
            return;
        }
        for (ApiOperation operation : Targets.reads(context)) {
            var pathParameters = operation.parametersIn("path");
            if (context.probe().stopped() || pathParameters.size() != 1) {
                continue;
            }
            Parameter parameter = pathParameters.get(0).value();
            Optional<Exchange> owned = Targets.ownedId(context, operation, parameter)
                    .flatMap(id -> Targets.path(context, operation, Map.of(parameter.getName(), id)))
                    .flatMap(path -> context.probe().send(ProbeRequest.get(path, context.target().primary())))
                    .filter(Exchange::succeeded);
            if (owned.isEmpty() && context.settings().allowWrites()) {
                owned = created(context, operation, parameter);
            }
            owned.ifPresent(exchange -> context.probe().send(exchange.request().as(other.get()))
                    .filter(Exchange::succeeded)
                    .ifPresent(leak -> report(context, operation.key(), parameter.getName(),
                            "The object " + parameter.getName() + " of " + context.target().primary().label()
                                    + " was answered to " + other.get().label() + " (" + leak.status() + ").", leak)));
        }
    }

    /** With writes allowed: the primary identity creates an object in the collection, then reads it. */
    private static Optional<Exchange> created(ScanContext context, ApiOperation read, Parameter parameter) {
        String collection = read.path().substring(0, read.path().lastIndexOf("/{"));
        Optional<ApiOperation> create = context.target().document().operations().stream()
                .filter(op -> op.method() == HttpMethod.POST && op.path().equals(collection)).findFirst();
        if (create.isEmpty()) {
            return Optional.empty();
        }
        String body = Targets.requestSchema(context.target().document(), create.get())
                .map(schema -> {
                    try {
                        return Targets.JSON.writeValueAsString(Targets.sampleBody(context.target().document(), schema));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        return "{}";
                    }
                }).orElse("{}");
        Optional<String> id = context.probe()
                .send(new ProbeRequest("POST", collection, context.target().primary(), Map.of(), body))
                .filter(Exchange::succeeded).flatMap(Targets::json)
                .flatMap(json -> idOf(json, parameter.getName()));
        return id.flatMap(value -> Targets.path(context, read, Map.of(parameter.getName(), value)))
                .flatMap(path -> context.probe().send(ProbeRequest.get(path, context.target().primary())))
                .filter(Exchange::succeeded);
    }

    private static Optional<String> idOf(JsonNode created, String parameterName) {
        for (String field : java.util.List.of(parameterName, "id", "uuid")) {
            if (created.hasNonNull(field) && created.get(field).isValueNode()) {
                return Optional.of(created.get(field).asText());
            }
        }
        return Optional.empty();
    }
}
