package dev.bulwark.securitytesting.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * What the raw text says, independent of the swagger model: where each node sits (for SARIF
 * regions), the scalar values (the parser rewrites some of them, e.g. merging path-level
 * parameters into operations), and every {@code $ref} so that external references can be vetted
 * before the parser follows them.
 */
public final class SourceIndex {

    // Names, locations, references and versions are short; descriptions need not be kept twice.
    private static final int MAX_SCALAR = 1024;

    /** A {@code $ref} found in the text, with the pointer of the object that holds it. */
    public record Reference(JsonPointer holder, String target) {}

    private final Map<JsonPointer, SourcePosition> positions;
    private final Map<JsonPointer, String> scalars;
    private final List<Reference> references;

    private SourceIndex(Map<JsonPointer, SourcePosition> positions, Map<JsonPointer, String> scalars,
            List<Reference> references) {
        // Not copied: these maps hold a node per line of multi-megabyte documents, and nothing
        // outside this class sees them.
        this.positions = positions;
        this.scalars = scalars;
        this.references = List.copyOf(references);
    }

    /** Reads JSON or YAML text; fails when the text is not well formed in either. */
    public static SourceIndex of(String content) throws OpenApiParseException {
        JsonFactory factory = content.stripLeading().startsWith("{") ? new JsonFactory() : yaml(content.length());
        // Roughly one node per 12 characters of JSON: sized once rather than rehashed all the way up.
        Map<JsonPointer, SourcePosition> positions = HashMap.newHashMap(Math.max(16, content.length() / 12));
        Map<JsonPointer, String> scalars = HashMap.newHashMap(Math.max(16, content.length() / 24));
        List<Reference> references = new ArrayList<>();
        try (JsonParser parser = factory.createParser(content)) {
            if (parser.nextToken() != null) {
                positions.put(JsonPointer.ROOT, position(parser));
                new Walker(parser, positions, scalars, references).value(JsonPointer.ROOT);
            }
        } catch (IOException | RuntimeException e) {
            throw new OpenApiParseException("Document is not well-formed JSON or YAML: " + e.getMessage());
        }
        return new SourceIndex(positions, scalars, references);
    }

    /** SnakeYAML refuses documents over 3 MB by default; the loader's own size limit applies instead. */
    private static YAMLFactory yaml(int length) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(options.getCodePointLimit(), length + 1));
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    public boolean contains(JsonPointer pointer) {
        return positions.containsKey(pointer);
    }

    /** A scalar written at the pointer (values over 1,024 characters are not kept). */
    public Optional<String> scalar(JsonPointer pointer) {
        return Optional.ofNullable(scalars.get(pointer));
    }

    public Optional<SourcePosition> position(JsonPointer pointer) {
        return Optional.ofNullable(positions.get(pointer));
    }

    /**
     * Position of the pointer or, for nodes the parser synthesised (resolved references, defaults),
     * of its closest ancestor written in the text. The document root is too vague to be useful.
     */
    public Optional<SourcePosition> nearestPosition(JsonPointer pointer) {
        for (Optional<JsonPointer> at = Optional.of(pointer); at.isPresent(); at = at.get().parent()) {
            if (at.get().isRoot()) {
                return Optional.empty();
            }
            SourcePosition found = positions.get(at.get());
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    public List<Reference> references() {
        return references;
    }

    private static SourcePosition position(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePosition(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    /** Streams the tokens once, tracking the pointer of the current node. */
    private record Walker(JsonParser parser, Map<JsonPointer, SourcePosition> positions,
            Map<JsonPointer, String> scalars, List<Reference> references) {

        void value(JsonPointer at) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                object(at);
            } else if (token == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonPointer child = at.child(index++);
                    positions.putIfAbsent(child, position(parser));
                    value(child);
                }
            } else if (token != null && token.isScalarValue() && parser.getTextLength() <= MAX_SCALAR) {
                scalars.putIfAbsent(at, parser.getText());
            }
        }

        private void object(JsonPointer at) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonPointer child = at.child(name);
                // Key position, not value position: that is the line a reader looks for.
                positions.putIfAbsent(child, position(parser));
                parser.nextToken();
                if ("$ref".equals(name) && parser.currentToken() == JsonToken.VALUE_STRING) {
                    references.add(new Reference(at, parser.getText()));
                }
                value(child);
            }
        }
    }
}
