package dev.bulwark.contracts.schema;

import java.util.ArrayList;
import java.util.List;

/** Collects violations under a path prefix so nested records report full field paths. */
public final class Violations {
    private final String prefix;
    private final List<Violation> sink;

    private Violations(String prefix, List<Violation> sink) {
        this.prefix = prefix;
        this.sink = sink;
    }

    public static Violations root() {
        return new Violations("", new ArrayList<>());
    }

    public Violations at(String field) {
        return new Violations(join(field), sink);
    }

    public Violations at(String field, int index) {
        return new Violations(join(field) + "[" + index + "]", sink);
    }

    public void add(String field, String message) {
        sink.add(new Violation(join(field), message));
    }

    public void require(boolean condition, String field, String message) {
        if (!condition) {
            add(field, message);
        }
    }

    public boolean isEmpty() {
        return sink.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(sink);
    }

    private String join(String field) {
        if (field == null || field.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? field : prefix + "." + field;
    }
}
