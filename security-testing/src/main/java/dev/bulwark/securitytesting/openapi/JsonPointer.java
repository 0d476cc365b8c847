package dev.bulwark.securitytesting.openapi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 6901 JSON pointer into the audited document. Findings carry one so a reader (or a
 * SARIF viewer) can find the offending node whatever the source format was.
 *
 * <p>Stored as a parent link plus one token: the source index holds a pointer per node of
 * multi-megabyte documents and schema walks derive millions of them, so {@link #child} must be
 * O(1) in time and memory rather than copy the whole path.
 */
public final class JsonPointer implements Comparable<JsonPointer> {

    public static final JsonPointer ROOT = new JsonPointer(null, null);

    private final JsonPointer parent;
    private final String token;
    private final int depth;
    private final int hash;

    private JsonPointer(JsonPointer parent, String token) {
        this.parent = parent;
        this.token = token;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.hash = parent == null ? 1 : 31 * parent.hash + token.hashCode();
    }

    public static JsonPointer of(String... tokens) {
        JsonPointer pointer = ROOT;
        for (String token : tokens) {
            pointer = pointer.child(token);
        }
        return pointer;
    }

    public static JsonPointer of(List<String> tokens) {
        return of(tokens.toArray(String[]::new));
    }

    /** Parses the string form; the empty string is the whole document. */
    @JsonCreator
    public static JsonPointer parse(String pointer) {
        if (pointer.isEmpty()) {
            return ROOT;
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer must start with '/': " + pointer);
        }
        JsonPointer out = ROOT;
        for (String raw : pointer.substring(1).split("/", -1)) {
            out = out.child(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(depth);
        for (JsonPointer at = this; at.parent != null; at = at.parent) {
            tokens.add(at.token);
        }
        Collections.reverse(tokens);
        return List.copyOf(tokens);
    }

    public JsonPointer child(String token) {
        if (token == null) {
            throw new NullPointerException("token");
        }
        return new JsonPointer(this, token);
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
        return Optional.ofNullable(parent);
    }

    /** The last token, or empty for the root. */
    public Optional<String> last() {
        return Optional.ofNullable(token);
    }

    public int depth() {
        return depth;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** True when {@code prefix} is this pointer or one of its ancestors. */
    public boolean startsWith(JsonPointer prefix) {
        JsonPointer at = this;
        while (at.depth > prefix.depth) {
            at = at.parent;
        }
        return at.equals(prefix);
    }

    /** Token by token from the root; a pointer sorts before its descendants. */
    @Override
    public int compareTo(JsonPointer other) {
        if (this == other) {
            return 0;
        }
        List<String> mine = tokens();
        List<String> theirs = other.tokens();
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            int c = mine.get(i).compareTo(theirs.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(mine.size(), theirs.size());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JsonPointer other) || other.hash != hash || other.depth != depth) {
            return false;
        }
        JsonPointer a = this;
        JsonPointer b = other;
        while (a != null && a != b) {
            if (!a.token.equals(b.token)) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @JsonValue
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String token : tokens()) {
            out.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }
}
