package dev.bulwark.securitytesting.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import java.io.IOException;
import java.io.Writer;

/**
 * The threat model as JSON. The model is records of strings, enums and lists, so its JSON is the
 * records' shape (documented in docs/security-testing.md); OWASP categories are written as their
 * {@code API1:2023} ids.
 */
public final class ThreatModelJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private ThreatModelJson() {}

    public static ObjectNode toJson(ThreatModel model) {
        ObjectNode root = MAPPER.valueToTree(model);
        root.withArray("threats").forEach(threat -> {
            ObjectNode node = (ObjectNode) threat;
            String category = node.path("owaspCategory").asText();
            node.put("owasp", category + ":2023");
        });
        return root;
    }

    public static void write(ThreatModel model, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(model));
    }
}
