package dev.bulwark.securitytesting.openapi;

import java.util.Optional;

/**
 * Finds where a parameter is written. The parser moves path-level parameters into each operation
 * and inlines {@code $ref}s, so list positions in the model do not match the text; the raw index
 * does.
 */
final class ParameterLocator {

    private static final String COMPONENT_PREFIX = "#/components/parameters/";

    private final SourceIndex source;

    ParameterLocator(SourceIndex source) {
        this.source = source;
    }

    JsonPointer locate(String name, String in, JsonPointer operation, JsonPointer pathItem) {
        return search(operation.child("parameters"), name, in)
                .or(() -> search(pathItem.child("parameters"), name, in))
                .orElse(operation);
    }

    private Optional<JsonPointer> search(JsonPointer list, String name, String in) {
        for (int i = 0; source.contains(list.child(i)); i++) {
            JsonPointer entry = list.child(i);
            if (matches(entry, name, in)) {
                return Optional.of(entry);
            }
            Optional<JsonPointer> component = source.scalar(entry.child("$ref"))
                    .filter(ref -> ref.startsWith(COMPONENT_PREFIX))
                    .map(ref -> JsonPointer.parse(ref.substring(1)))
                    .filter(target -> matches(target, name, in));
            if (component.isPresent()) {
                return component;
            }
        }
        return Optional.empty();
    }

    private boolean matches(JsonPointer entry, String name, String in) {
        return source.scalar(entry.child("name")).filter(name::equals).isPresent()
                && source.scalar(entry.child("in")).filter(in::equals).isPresent();
    }
}
