package dev.bulwark.dataplane.contract;

import dev.bulwark.contracts.policy.BodyStructureLimits;
import dev.bulwark.dataplane.threat.JsonLimits;
import dev.bulwark.dataplane.threat.Multipart;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Form bodies ({@code application/x-www-form-urlencoded}) and multipart bodies as the objects their
 * schemas describe: one property per field or part, its text coerced to the property's type, a
 * field sent several times an array where the schema says array (and refused elsewhere), a JSON
 * part parsed (within the structure limits), a file part present but opaque.
 */
final class FormBodies {
    private FormBodies() {
    }

    static BodyChecks.Refusal form(byte[] body, CompiledOperation.BodyMedia media, BodyStructureLimits limits) {
        String text = utf8(body);
        if (text == null) {
            return BodyChecks.Refusal.of(400, "BODY_MALFORMED", "The form body is not UTF-8");
        }
        List<ContractViolation> violations = new ArrayList<>();
        Map<String, List<String>> fields = QueryPairs.parse(text, violations, false);
        int count = 0;
        for (List<String> values : fields.values()) {
            count += values.size();
            for (String value : values) {
                if (value.length() > limits.maxStringBytes()) {
                    return BodyChecks.limit("maxStringBytes", limits.maxStringBytes());
                }
            }
        }
        if (count > limits.maxParts()) {
            return BodyChecks.limit("maxParts", limits.maxParts());
        }
        if (!violations.isEmpty()) {
            return BodyChecks.Refusal.invalid(List.of(new ContractViolation("body", "has a field name that is not validly encoded")));
        }
        if (media == null || media.schema() == null) {
            return null;
        }
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            ValueShape shape = fieldShape(media.shape(), field.getKey());
            for (String raw : field.getValue()) {
                String decoded = Percent.decode(raw, true);
                if (decoded == null) {
                    return BodyChecks.Refusal.invalid(List.of(new ContractViolation("body/" + Locations.safe(field.getKey()),
                            "is not validly percent-encoded UTF-8")));
                }
                values.computeIfAbsent(field.getKey(), key -> new ArrayList<>()).add(ParameterDecoder.scalar(decoded, shape));
            }
        }
        return validateObject(media, values);
    }

    static BodyChecks.Refusal multipart(byte[] body, String boundary, CompiledOperation.BodyMedia media, BodyStructureLimits limits,
                                        JsonLimits jsonLimits) {
        Multipart.Result result = Multipart.parse(body, 0, body.length, boundary, limits.maxParts(), limits.maxPartBytes());
        BodyChecks.Refusal refusal = BodyChecks.multipartVerdict(result.verdict(), limits);
        if (refusal != null) {
            return refusal;
        }
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        for (Multipart.Part part : result.parts()) {
            byte[] content = java.util.Arrays.copyOfRange(body, part.from(), part.to());
            String essence = MediaTypes.essence(part.contentType());
            JsonNode value;
            if (MediaTypes.isJson(essence)) {
                refusal = BodyChecks.jsonShape(content, jsonLimits, "part");
                if (refusal != null) {
                    return refusal;
                }
                try {
                    value = JsonTree.read(content, 0, content.length);
                } catch (JsonTree.Unreadable e) {
                    return BodyChecks.Refusal.of(400, "BODY_MALFORMED", "A JSON part " + e.detail());
                }
            } else if (MediaTypes.isXml(essence)) {
                refusal = BodyChecks.check(null, part.contentType(), content, limits, jsonLimits, false);
                if (refusal != null) {
                    return refusal;
                }
                value = ParameterDecoder.NODES.stringNode("");
            } else if (part.filename() == null && (essence == null || essence.startsWith("text/")) && utf8(content) != null) {
                if (content.length > limits.maxStringBytes()) {
                    return BodyChecks.limit("maxStringBytes", limits.maxStringBytes());
                }
                value = ParameterDecoder.scalar(utf8(content), fieldShape(media == null ? null : media.shape(), part.name()));
            } else {
                value = ParameterDecoder.NODES.stringNode(""); // a file: present, its bytes opaque to the contract
            }
            if (part.name() == null) {
                return BodyChecks.Refusal.of(400, "BODY_MALFORMED", "A multipart/form-data part has no name");
            }
            values.computeIfAbsent(part.name(), key -> new ArrayList<>()).add(value);
        }
        return media == null || media.schema() == null ? null : validateObject(media, values);
    }

    private static ValueShape fieldShape(ValueShape object, String name) {
        if (object == null) {
            return ValueShape.ANY;
        }
        ValueShape field = object.property(name);
        return field.only(ValueShape.Type.ARRAY) ? field.items() : field;
    }

    private static BodyChecks.Refusal validateObject(CompiledOperation.BodyMedia media, Map<String, List<JsonNode>> values) {
        ObjectNode object = ParameterDecoder.NODES.objectNode();
        for (Map.Entry<String, List<JsonNode>> field : values.entrySet()) {
            boolean array = media.shape().property(field.getKey()).only(ValueShape.Type.ARRAY);
            if (array) {
                ArrayNode items = ParameterDecoder.NODES.arrayNode();
                field.getValue().forEach(items::add);
                object.set(field.getKey(), items);
            } else if (field.getValue().size() > 1) {
                return BodyChecks.Refusal.invalid(List.of(new ContractViolation("body/" + Locations.safe(field.getKey()),
                        "must be sent once")));
            } else {
                object.set(field.getKey(), field.getValue().get(0));
            }
        }
        return BodyChecks.validate(media, object, "body");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
