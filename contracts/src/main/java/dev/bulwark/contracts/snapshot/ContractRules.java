package dev.bulwark.contracts.snapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The shape rules of an {@link OperationContract}, part of {@link SnapshotRules}: what the gateway's
 * parameter decoding relies on. Schema texts are not parsed here (the contracts module has no JSON
 * parser); the gateway compiles them and confines a schema it cannot compile to its operation.
 */
final class ContractRules {
    /** Styles OpenAPI allows per location. */
    static final Map<String, Set<String>> STYLES = Map.of(
            "path", Set.of("simple", "label", "matrix"),
            "query", Set.of("form", "spaceDelimited", "pipeDelimited", "deepObject"),
            "header", Set.of("simple"),
            "cookie", Set.of("form"));
    private static final Pattern STATUS = Pattern.compile("[1-5](?:XX|[0-9][0-9])|default");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+*-]+/[A-Za-z0-9!#$&^_.+*-]+(?:\\s*;.*)?");

    private ContractRules() {
    }

    /** Reports each problem as (field, message) relative to {@code at}, e.g. {@code apis[0].operations[2].contract}. */
    static void check(String at, OperationEntry operation, BiConsumer<String, String> problem) {
        OperationContract contract = operation.contract();
        if (contract == null) {
            return;
        }
        Set<String> variables = variables(operation.pathTemplate());
        Set<String> seen = new HashSet<>();
        Set<String> pathParameters = new HashSet<>();
        List<OperationContract.Parameter> parameters = contract.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            OperationContract.Parameter parameter = parameters.get(i);
            String field = at + ".parameters[" + i + "]";
            if (parameter == null) {
                problem.accept(field, "is null");
                continue;
            }
            Set<String> styles = STYLES.get(parameter.in());
            if (styles == null) {
                problem.accept(field + ".in", "must be one of path, query, header, cookie");
                continue;
            }
            if (parameter.name() == null || parameter.name().isEmpty()) {
                problem.accept(field + ".name", "is required");
                continue;
            }
            if (!styles.contains(parameter.style())) {
                problem.accept(field + ".style", "must be one of " + styles + " for a " + parameter.in() + " parameter");
            }
            if (parameter.schema() == null) {
                problem.accept(field + ".schema", "is required");
            }
            if (parameter.mediaType() != null && !MEDIA_TYPE.matcher(parameter.mediaType()).matches()) {
                problem.accept(field + ".mediaType", "is not a media type");
            }
            // Header names are case-insensitive: two spellings of one header are one parameter.
            String key = parameter.in() + ":" + (parameter.in().equals("header") ? parameter.name().toLowerCase(java.util.Locale.ROOT)
                    : parameter.name());
            if (!seen.add(key)) {
                problem.accept(field, "duplicates the " + parameter.in() + " parameter " + parameter.name());
            }
            if (parameter.in().equals("path")) {
                pathParameters.add(parameter.name());
                if (!parameter.required()) {
                    problem.accept(field + ".required", "must be true for a path parameter");
                }
                if (!variables.contains(parameter.name())) {
                    problem.accept(field + ".name", "names no variable of the path template");
                }
            }
        }
        if (contract.requestBody() != null) {
            media(at + ".requestBody.content", contract.requestBody().content(), problem);
        }
        for (int i = 0; i < contract.responses().size(); i++) {
            OperationContract.Response response = contract.responses().get(i);
            String field = at + ".responses[" + i + "]";
            if (response == null || response.status() == null || !STATUS.matcher(response.status()).matches()) {
                problem.accept(field + ".status", "must be a status code, a range like 4XX, or default");
                continue;
            }
            media(field + ".content", response.content(), problem);
        }
    }

    private static void media(String at, List<OperationContract.Media> content, BiConsumer<String, String> problem) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < content.size(); i++) {
            OperationContract.Media media = content.get(i);
            if (media == null || media.mediaType() == null || !MEDIA_TYPE.matcher(media.mediaType()).matches()) {
                problem.accept(at + "[" + i + "].mediaType", "is not a media type or range");
            } else if (!types.add(media.mediaType().toLowerCase(java.util.Locale.ROOT))) {
                problem.accept(at + "[" + i + "].mediaType", "is listed twice");
            }
        }
    }

    /** The variable names of a template such as {@code /orders/{id}/lines/{line}}. */
    static Set<String> variables(String template) {
        Set<String> names = new HashSet<>();
        if (template == null) {
            return names;
        }
        for (String part : template.split("/")) {
            if (part.length() > 2 && part.charAt(0) == '{' && part.charAt(part.length() - 1) == '}') {
                names.add(part.substring(1, part.length() - 1));
            }
        }
        return names;
    }
}
