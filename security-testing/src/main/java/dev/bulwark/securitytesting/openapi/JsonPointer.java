package dev.bulwark.securitytesting.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 6901 JSON pointer into the audited document. Findings carry one so a reader (or a
 * SARIF viewer) can find the offending node whatever the source format was.
 */
public record JsonPointer(List<String> tokens) implements Comparable<JsonPointer> {

    public static final JsonPointer ROOT = new JsonPointer(List.of());

    public JsonPointer {
        tokens = List.copyOf(tokens);
    }

    public static JsonPointer of(String... tokens) {
        return new JsonPointer(List.of(tokens));
    }

    /** Parses the string form; the empty string is the whole document. */
    public static JsonPointer parse(String pointer) {
        if (pointer.isEmpty()) {
            return ROOT;
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer must start with '/': " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new JsonPointer(tokens);
    }

    public JsonPointer child(String token) {
        List<String> next = new ArrayList<>(tokens.size() + 1);
        next.addAll(tokens);
        next.add(token);
        return new JsonPointer(next);
    }

    public JsonPointer child(int index) {
        return child(Integer.toString(index));
    }

    public JsonPointer child(String... path) {
        JsonPointer pointer = this;
        for (String token : path) {
            pointer = pointer.child(token);
        }
        return pointer;
    }

    public Optional<JsonPointer> parent() {
        return tokens.isEmpty()
                ? Optional.empty()
                : Optional.of(new JsonPointer(tokens.subList(0, tokens.size() - 1)));
    }

    public boolean isRoot() {
        return tokens.isEmpty();
    }

    @Override
    public int compareTo(JsonPointer other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            out.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }
}
