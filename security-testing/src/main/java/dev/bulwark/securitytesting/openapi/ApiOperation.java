package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One operation of the document with its location and its effective parameters (path-level ones
 * included), each parameter located where it is actually written.
 *
 * <p>An operation is either served by the API ({@link Kind#PATH}, under {@code paths}) or a
 * webhook the API sends to its subscribers ({@link Kind#WEBHOOK}, OAS 3.1 {@code webhooks}; its
 * {@code path} is the webhook's name). For a webhook the data flows the other way: the request body
 * leaves the API, the response is what the API reads back.
 */
public record ApiOperation(Kind kind, String path, HttpMethod method, Operation operation, JsonPointer location,
        List<Located<Parameter>> parameters) {

    /** Where the operation is declared, which decides the direction of its data. */
    public enum Kind { PATH, WEBHOOK }

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    public ApiOperation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(location, "location");
        parameters = List.copyOf(parameters);
    }

    public ApiOperation(String path, HttpMethod method, Operation operation, JsonPointer location,
            List<Located<Parameter>> parameters) {
        this(Kind.PATH, path, method, operation, location, parameters);
    }

    /** Human key used in messages and threat models: {@code GET /users/{id}}, {@code webhook newPet (POST)}. */
    public String key() {
        return kind == Kind.PATH ? method + " " + path : "webhook " + path + " (" + method + ")";
    }

    public boolean isWebhook() {
        return kind == Kind.WEBHOOK;
    }

    /** Operations that change server state, the ones function-level authorization must guard. */
    public boolean isWrite() {
        return kind == Kind.PATH && WRITES.contains(method);
    }

    public List<Located<Parameter>> parametersIn(String in) {
        return parameters.stream().filter(p -> in.equals(p.value().getIn())).toList();
    }

    public boolean isDeprecated() {
        return Boolean.TRUE.equals(operation.getDeprecated());
    }

    public String operationId() {
        return operation.getOperationId();
    }
}
