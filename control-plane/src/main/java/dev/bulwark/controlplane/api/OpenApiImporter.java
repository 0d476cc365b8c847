package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.controlplane.contract.CompiledContracts;
import dev.bulwark.controlplane.contract.ContractCompiler;
import dev.bulwark.controlplane.contract.ContractException;
import dev.bulwark.controlplane.kernel.BodyLimits;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.OpenApiParseException;
import dev.bulwark.securitytesting.openapi.SourceIndex;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a tenant's OpenAPI 3.0/3.1 text (JSON or YAML) into operations. The security-testing
 * loader parses with swagger-parser ({@code readContents}, resolve on) only after every
 * {@code $ref} was checked to stay inside the document: the parser would otherwise read files and
 * fetch URLs on the control plane's behalf. We check references ourselves first as well, to name
 * the offending one in the error.
 */
@Singleton
public class OpenApiImporter {
    private static final String FIELD = "openapi";

    private final OpenApiLoader loader = new OpenApiLoader(BodyLimits.DOCUMENT_BYTES);

    /**
     * An operation as the catalog stores it; {@code key} is the operationId or "METHOD /path", and
     * {@code contract} what the gateway validates its requests against.
     */
    public record ImportedOperation(String key, String method, String pathTemplate, List<String> requiredScopes,
                                    OperationContract contract) {
    }

    /** @param schemas the definitions the operations' contracts share (JSON object text), or null */
    public record Imported(ApiDocument document, List<ImportedOperation> operations, String schemas) {
    }

    public Imported parse(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(FIELD, "is required");
        }
        long size = utf8Length(text);
        if (size > BodyLimits.DOCUMENT_BYTES) {
            throw new ProblemException(400, "OPENAPI_TOO_LARGE", "OpenAPI document too large",
                    "The document is " + size + " bytes; the limit is " + BodyLimits.describe(BodyLimits.DOCUMENT_BYTES),
                    List.of(new Violation(FIELD, "is " + size + " bytes, over the " + BodyLimits.describe(BodyLimits.DOCUMENT_BYTES) + " limit")));
        }
        refuseExternalReferences(text);
        ApiDocument document;
        try {
            document = loader.parse(text, FIELD);
        } catch (OpenApiParseException e) {
            throw invalid(e.messages().stream().map(m -> new Violation(FIELD, readable(m))).toList());
        }
        if (document.convertedFrom().isPresent()) {
            // The audit converts Swagger 2.0, but the gateway builds its routes and validation from the
            // stored text, which must be OpenAPI 3.
            throw invalid(List.of(new Violation(FIELD + ".swagger", "Swagger " + document.convertedFrom().get()
                    + " is not accepted; convert the document to OpenAPI 3.0 or 3.1")));
        }
        List<Violation> problems = new ArrayList<>();
        document.parserMessages().forEach(m -> problems.add(new Violation(FIELD, readable(m))));
        String version = document.openApi().getOpenapi();
        if (version == null || !(version.startsWith("3.0.") || version.startsWith("3.1."))) {
            problems.add(new Violation(FIELD + ".openapi", "must be 3.0.x or 3.1.x"));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        CompiledContracts contracts;
        try {
            contracts = ContractCompiler.compile(text);
        } catch (ContractException e) {
            throw invalid(List.of(new Violation(FIELD + "#" + e.pointer(), e.getMessage())));
        }
        return new Imported(document, operations(document, contracts), contracts.schemas());
    }

    private static final java.util.regex.Pattern SOURCE_AT = java.util.regex.Pattern.compile(
            "\\s*\\(?\\bat \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]\\)?");
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile("\\s*\\[Source: [^\\]]*\\]");
    private static final java.util.regex.Pattern JAVA_NAMES = java.util.regex.Pattern.compile(
            "\\b(?:java|javax|com\\.fasterxml|org\\.yaml|io\\.swagger)(?:\\.[A-Za-z_$][\\w$]*)+:?\\s*");

    /**
     * A parser's message as a user should read it: the position as "line L, column C", without the
     * parser's reader ({@code [Source: (StringReader); …]}) or Java class names.
     */
    static String readable(String message) {
        String out = SOURCE_AT.matcher(message).replaceAll(" (line $1, column $2)");
        out = SOURCE.matcher(out).replaceAll("");
        out = JAVA_NAMES.matcher(out).replaceAll("");
        out = out.strip();
        return out.isEmpty() ? "is not a readable OpenAPI document" : out;
    }

    /** The document's size as the limit counts it (UTF-8 bytes), without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The contracts of a stored document, compiled again (a document stored by an older release).
     *
     * @throws ContractException when the document no longer compiles
     */
    public static CompiledContracts contracts(String text) throws ContractException {
        return ContractCompiler.compile(text);
    }

    private static void refuseExternalReferences(String text) {
        SourceIndex index;
        try {
            index = SourceIndex.of(text);
        } catch (OpenApiParseException e) {
            throw invalid(e.messages().stream().map(m -> new Violation(FIELD, readable(m))).toList());
        }
        List<Violation> refused = new ArrayList<>();
        for (SourceIndex.Reference ref : index.references()) {
            if (!ref.target().trim().startsWith("#")) {
                refused.add(new Violation(FIELD + "#" + ref.holder() + "/$ref",
                        "refers outside the document ('" + ref.target() + "'); only local '#/...' references are allowed"));
            }
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(400, "OPENAPI_EXTERNAL_REF", "External references are not allowed",
                    "The document refers to other files or URLs; inline them", refused);
        }
    }

    private static List<ImportedOperation> operations(ApiDocument document, CompiledContracts contracts) {
        List<ImportedOperation> out = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (ApiOperation operation : document.operations()) {
            String method = operation.method().name().toUpperCase(Locale.ROOT);
            String id = operation.operation().getOperationId();
            String key = id == null || id.isBlank() ? method + " " + operation.path() : id;
            if (!keys.add(key)) {
                problems.add(new Violation(FIELD + "#" + operation.location(), "operationId '" + key + "' is used twice"));
            }
            out.add(new ImportedOperation(key, method, operation.path(), requiredScopes(document, operation),
                    contracts.of(method, operation.path())));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return out;
    }

    /**
     * Scopes every accepted alternative demands (their intersection): a caller satisfying any
     * alternative is guaranteed to hold these, so the gateway may insist on them.
     */
    static List<String> requiredScopes(ApiDocument document, ApiOperation operation) {
        List<SecurityRequirement> alternatives = document.effectiveSecurity(operation);
        Set<String> common = null;
        for (SecurityRequirement alternative : alternatives) {
            Set<String> scopes = new LinkedHashSet<>();
            alternative.values().forEach(list -> {
                if (list != null) {
                    scopes.addAll(list);
                }
            });
            if (common == null) {
                common = scopes;
            } else {
                common.retainAll(scopes);
            }
        }
        return common == null ? List.of() : List.copyOf(common);
    }

    private static ProblemException invalid(List<Violation> errors) {
        return new ProblemException(400, "OPENAPI_INVALID", "Invalid OpenAPI document",
                "The OpenAPI document has " + errors.size() + " problem(s)", errors);
    }
}
