package dev.bulwark.controlplane.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.controlplane.kernel.BodyLimits;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A tenant's OpenAPI document as a plain JSON tree, independent of swagger-parser's model (which
 * drops keywords it does not know and inlines nothing we could hoist). Decimals are read exactly
 * ({@code multipleOf: 0.1} stays 0.1), and only local references are ever followed.
 */
final class DocumentTree {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** SnakeYAML stops at 3 MB by default; documents may be up to {@link BodyLimits#DOCUMENT_BYTES}. */
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loaderOptions()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) BodyLimits.DOCUMENT_BYTES + 1);
        return options;
    }

    private DocumentTree() {
    }

    static JsonNode parse(String text) throws ContractException {
        try {
            JsonNode root = text.stripLeading().startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ContractException("", "the document is not an object");
            }
            return root;
        } catch (IOException e) {
            throw new ContractException("", "the document is not well-formed JSON or YAML");
        }
    }

    /** The RFC 6901 pointer of a local reference ({@code #/components/schemas/Pet}), percent-decoded. */
    static String pointerOf(String ref, String at) throws ContractException {
        String trimmed = ref.trim();
        if (!trimmed.startsWith("#")) {
            throw new ContractException(at, "refers outside the document ('" + ref + "')");
        }
        String fragment = URLDecoder.decode(trimmed.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!fragment.isEmpty() && !fragment.startsWith("/")) {
            throw new ContractException(at, "'" + ref + "' is not a JSON pointer (anchors are not supported)");
        }
        return fragment;
    }

    static JsonNode at(JsonNode root, String pointer, String from) throws ContractException {
        JsonNode node;
        try {
            node = root.at(JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            throw new ContractException(from, "'#" + pointer + "' is not a valid JSON pointer");
        }
        if (node == null || node.isMissingNode()) {
            throw new ContractException(from, "'#" + pointer + "' points to nothing in the document");
        }
        return node;
    }

    /** Escapes a token for a JSON pointer (RFC 6901). */
    static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
