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
 */
public record ApiOperation(String path, HttpMethod method, Operation operation, JsonPointer location,
        List<Located<Parameter>> parameters) {

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    public ApiOperation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(location, "location");
        parameters = List.copyOf(parameters);
    }

    /** Human key used in messages and threat models, e.g. {@code GET /users/{id}}. */
    public String key() {
        return method + " " + path;
    }

    /** Operations that change server state, the ones function-level authorization must guard. */
    public boolean isWrite() {
        return WRITES.contains(method);
    }

    public List<Located<Parameter>> parametersIn(String in) {
        return parameters.stream().filter(p -> in.equals(p.value().getIn())).toList();
    }

    public boolean isDeprecated() {
        return Boolean.TRUE.equals(operation.getDeprecated());
    }
}
