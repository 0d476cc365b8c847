package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lists operations in document order, each with its effective, located parameters. */
final class OperationIndex {

    private OperationIndex() {}

    static List<ApiOperation> operations(OpenAPI openApi, SourceIndex source) {
        List<ApiOperation> out = new ArrayList<>();
        if (openApi.getPaths() == null) {
            return out;
        }
        ParameterLocator locator = new ParameterLocator(source);
        openApi.getPaths().forEach((path, item) -> {
            JsonPointer itemAt = JsonPointer.of("paths", path);
            item.readOperationsMap().forEach((method, operation) -> {
                JsonPointer at = itemAt.child(method.name().toLowerCase(Locale.ROOT));
                out.add(new ApiOperation(path, method, operation, at,
                        parameters(openApi, item, operation, locator, at, itemAt)));
            });
        });
        return out;
    }

    /** Operation parameters override path-level ones with the same name and location (OAS 3 rule). */
    private static List<Located<Parameter>> parameters(OpenAPI openApi, PathItem item, Operation operation,
            ParameterLocator locator, JsonPointer at, JsonPointer itemAt) {
        Map<String, Parameter> byKey = new LinkedHashMap<>();
        addAll(openApi, operation.getParameters(), byKey);
        addAll(openApi, item.getParameters(), byKey);
        List<Located<Parameter>> out = new ArrayList<>();
        byKey.values().forEach(p -> out.add(new Located<>(p, locator.locate(p.getName(), p.getIn(), at, itemAt))));
        return out;
    }

    private static void addAll(OpenAPI openApi, List<Parameter> parameters, Map<String, Parameter> byKey) {
        if (parameters == null) {
            return;
        }
        for (Parameter parameter : parameters) {
            Parameter resolved = resolve(openApi, parameter);
            if (resolved.getName() != null && resolved.getIn() != null) {
                byKey.putIfAbsent(resolved.getIn() + ":" + resolved.getName(), resolved);
            }
        }
    }

    private static Parameter resolve(OpenAPI openApi, Parameter parameter) {
        String prefix = "#/components/parameters/";
        String ref = parameter.get$ref();
        if (ref == null || !ref.startsWith(prefix) || openApi.getComponents() == null
                || openApi.getComponents().getParameters() == null) {
            return parameter;
        }
        Parameter target = openApi.getComponents().getParameters().get(ref.substring(prefix.length()));
        return target == null ? parameter : target;
    }
}
