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

/** Lists operations (and OAS 3.1 webhooks) in document order, each with its effective, located parameters. */
final class OperationIndex {

    private OperationIndex() {}

    static List<ApiOperation> operations(OpenAPI openApi, SourceIndex source) {
        return index(openApi, openApi.getPaths(), "paths", ApiOperation.Kind.PATH, source);
    }

    static List<ApiOperation> webhooks(OpenAPI openApi, SourceIndex source) {
        return index(openApi, openApi.getWebhooks(), "webhooks", ApiOperation.Kind.WEBHOOK, source);
    }

    private static List<ApiOperation> index(OpenAPI openApi, Map<String, PathItem> items, String section,
            ApiOperation.Kind kind, SourceIndex source) {
        List<ApiOperation> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        ParameterLocator locator = new ParameterLocator(source);
        items.forEach((path, declared) -> {
            PathItem item = resolve(openApi, declared);
            if (item == null) {
                return;
            }
            JsonPointer itemAt = JsonPointer.of(section, path);
            item.readOperationsMap().forEach((method, operation) -> {
                JsonPointer at = itemAt.child(method.name().toLowerCase(Locale.ROOT));
                out.add(new ApiOperation(kind, path, method, operation, at,
                        parameters(openApi, item, operation, locator, at, itemAt)));
            });
        });
        return out;
    }

    /** OAS 3.1 lets a webhook (or path item) be a {@code $ref} to components.pathItems. */
    private static PathItem resolve(OpenAPI openApi, PathItem item) {
        String prefix = "#/components/pathItems/";
        if (item == null || item.get$ref() == null || !item.get$ref().startsWith(prefix)
                || openApi.getComponents() == null || openApi.getComponents().getPathItems() == null) {
            return item;
        }
        PathItem target = openApi.getComponents().getPathItems().get(item.get$ref().substring(prefix.length()));
        return target == null ? item : target;
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
