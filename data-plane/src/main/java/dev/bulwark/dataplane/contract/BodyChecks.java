package dev.bulwark.dataplane.contract;

import com.networknt.schema.Error;
import dev.bulwark.contracts.policy.BodyStructureLimits;
import dev.bulwark.dataplane.threat.JsonLimits;
import dev.bulwark.dataplane.threat.JsonShapeScanner;
import dev.bulwark.dataplane.threat.Multipart;
import dev.bulwark.dataplane.threat.XmlShapeScanner;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body half of contract validation, on the buffered body: does the operation take a body at
 * all, is one required, is its media type declared (415), does it stay within the structure limits
 * (checked in one linear pass before any parser builds a tree: 413), is it well-formed (400), and
 * does it match the schema of its media type (400 {@code REQUEST_INVALID}, each violation by
 * location). JSON is validated against its schema; forms and multipart bodies are turned into the
 * object their schema describes; XML is checked for structure and refused with a DTD, but not
 * validated against a schema (OpenAPI's XML mapping is not JSON Schema).
 */
public final class BodyChecks {
    /** Why the body was refused; {@code violations} are listed in the problem's {@code errors}. */
    public record Refusal(int status, String key, String detail, List<ContractViolation> violations) {
        static Refusal of(int status, String key, String detail) {
            return new Refusal(status, key, detail, List.of());
        }

        static Refusal invalid(List<ContractViolation> violations) {
            return new Refusal(400, "REQUEST_INVALID", "The request does not match the operation's contract", violations);
        }
    }

    private BodyChecks() {
    }

    public static JsonLimits jsonLimits(BodyStructureLimits limits) {
        return new JsonLimits(limits.maxDepth(), limits.maxEntries(), limits.maxArrayLength(), limits.maxObjectEntries(),
                limits.maxStringBytes(), limits.maxNumberChars());
    }

    /**
     * @param operation    the operation's contract, or null when there is none (catch-all API, or a
     *                     snapshot without contracts): then only the structure limits apply
     * @param validateBody false to apply the structure limits only
     * @return null when the body passes
     */
    public static Refusal check(CompiledOperation operation, String contentType, byte[] body, BodyStructureLimits limits,
                                JsonLimits jsonLimits, boolean validateBody) {
        String essence = MediaTypes.essence(contentType);
        CompiledOperation.BodyMedia media = null;
        if (validateBody && operation != null) {
            CompiledOperation.RequestBodyContract contract = operation.body();
            if (contract == null) {
                return body.length == 0 ? null
                        : Refusal.invalid(List.of(new ContractViolation("body", "is not accepted by this operation")));
            }
            if (body.length == 0) {
                return contract.required() ? Refusal.invalid(List.of(new ContractViolation("body", "is required"))) : null;
            }
            if (!contract.acceptsAnything()) {
                media = contract.match(essence);
                if (media == null) {
                    return Refusal.of(415, "UNSUPPORTED_MEDIA_TYPE", essence == null
                            ? "The request body has no valid Content-Type; the operation requires one it declares"
                            : "The operation does not accept this Content-Type");
                }
            }
        }
        if (body.length == 0) {
            return null;
        }
        if (MediaTypes.isJson(essence)) {
            return json(body, media, jsonLimits);
        }
        if (MediaTypes.isXml(essence)) {
            return xml(body, jsonLimits);
        }
        if (MediaTypes.isForm(essence)) {
            return FormBodies.form(body, media, limits);
        }
        if (MediaTypes.isMultipart(essence)) {
            return FormBodies.multipart(body, MediaTypes.parameter(contentType, "boundary"), media, limits, jsonLimits);
        }
        return null; // opaque content (text, binary): bounded by the buffer, nothing to parse
    }

    static Refusal json(byte[] body, CompiledOperation.BodyMedia media, JsonLimits limits) {
        Refusal shape = jsonShape(body, limits, "body");
        if (shape != null || media == null || media.schema() == null) {
            return shape;
        }
        JsonNode document;
        try {
            document = JsonTree.read(body, 0, body.length);
        } catch (JsonTree.Unreadable e) {
            return Refusal.of(400, "BODY_MALFORMED", "The JSON body " + e.detail());
        }
        return validate(media, document, "body");
    }

    static Refusal validate(CompiledOperation.BodyMedia media, JsonNode document, String location) {
        List<Error> errors = SafeValidation.validate(media.schema(), document);
        if (errors == null) {
            return Refusal.invalid(List.of(new ContractViolation(location, "holds a value beyond what the contract can check")));
        }
        return errors.isEmpty() ? null : Refusal.invalid(ErrorReasons.of(errors, location, false));
    }

    /** The structure limits on a JSON document (a body, or a part of one). */
    static Refusal jsonShape(byte[] json, JsonLimits limits, String what) {
        JsonShapeScanner.Finding finding = JsonShapeScanner.scan(json, limits);
        return switch (finding.verdict()) {
            case OK -> null;
            case MALFORMED -> Refusal.of(400, "BODY_MALFORMED", "The JSON " + what + " is not well-formed (RFC 8259, UTF-8)");
            case TOO_DEEP -> limit("maxDepth", limits.maxDepth());
            case TOO_MANY_ENTRIES -> limit("maxEntries", limits.maxEntries());
            case ARRAY_TOO_LONG -> limit("maxArrayLength", limits.maxArrayLength());
            case OBJECT_TOO_LARGE -> limit("maxObjectEntries", limits.maxObjectEntries());
            case STRING_TOO_LONG -> limit("maxStringBytes", limits.maxStringBytes());
            case NUMBER_TOO_LONG -> limit("maxNumberChars", limits.maxNumberChars());
        };
    }

    private static Refusal xml(byte[] body, JsonLimits limits) {
        return switch (XmlShapeScanner.scan(body, 0, body.length, limits)) {
            case OK -> null;
            case MALFORMED -> Refusal.of(400, "BODY_MALFORMED", "The XML body is not well-formed");
            case DTD_FORBIDDEN -> Refusal.of(400, "XML_DTD_FORBIDDEN",
                    "XML bodies may not declare a document type or entities");
            case TOO_DEEP -> limit("maxDepth", limits.maxDepth());
            case TOO_MANY_ENTRIES -> limit("maxEntries", limits.maxEntries());
            case OBJECT_TOO_LARGE -> limit("maxObjectEntries", limits.maxObjectEntries());
            case STRING_TOO_LONG -> limit("maxStringBytes", limits.maxStringBytes());
        };
    }

    static Refusal limit(String name, long value) {
        return Refusal.of(413, "BODY_LIMIT_EXCEEDED", "The request body exceeds the structure limit " + name + " (" + value + ")");
    }

    static Refusal multipartVerdict(Multipart.Verdict verdict, BodyStructureLimits limits) {
        return switch (verdict) {
            case OK -> null;
            case MALFORMED -> Refusal.of(400, "BODY_MALFORMED", "The multipart body is not well-formed");
            case TOO_MANY_PARTS -> limit("maxParts", limits.maxParts());
            case PART_TOO_LARGE -> limit("maxPartBytes", limits.maxPartBytes());
        };
    }
}
