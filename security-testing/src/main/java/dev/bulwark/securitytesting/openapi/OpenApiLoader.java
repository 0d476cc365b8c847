package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns OpenAPI 3.0/3.1 text into an {@link ApiDocument}. Documents come from tenants, so the
 * loader caps their size and vets references before the parser may follow them.
 */
public final class OpenApiLoader {

    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private final long maxBytes;

    public OpenApiLoader() {
        this(DEFAULT_MAX_BYTES);
    }

    public OpenApiLoader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /** Parses text that has no location: references outside the document are refused. */
    public ApiDocument parse(String content, String origin) throws OpenApiParseException {
        return parse(content, origin, Optional.empty());
    }

    /** Reads a file; relative references to files under its directory are allowed. */
    public ApiDocument load(Path file) throws OpenApiParseException {
        try {
            if (Files.size(file) > maxBytes) {
                throw new OpenApiParseException("Document is larger than " + maxBytes + " bytes: " + file);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), Optional.of(file));
        } catch (IOException e) {
            throw new OpenApiParseException("Cannot read " + file + ": " + e);
        }
    }

    private ApiDocument parse(String content, String origin, Optional<Path> file) throws OpenApiParseException {
        if (content.isBlank()) {
            throw new OpenApiParseException("Document is empty");
        }
        if (content.length() > maxBytes) {
            throw new OpenApiParseException("Document is larger than " + maxBytes + " bytes");
        }
        SourceIndex source = SourceIndex.of(content);
        if (source.contains(JsonPointer.of("swagger"))) {
            throw new OpenApiParseException("Swagger 2.0 documents are not supported; convert to OpenAPI 3 first");
        }
        ExternalRefGuard guard = new ExternalRefGuard(maxBytes);
        if (file.isPresent()) {
            guard.checkFile(file.get(), source);
        } else {
            guard.checkDetached(source);
        }
        SwaggerParseResult result = runParser(content, file);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null) {
            throw new OpenApiParseException(messages.isEmpty() ? List.of("Not an OpenAPI 3 document") : messages);
        }
        return ApiDocument.of(origin, result.getOpenAPI(), source, messages);
    }

    private static SwaggerParseResult runParser(String content, Optional<Path> file) throws OpenApiParseException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // Not setSafelyResolveURL: it rejects relative file references too. The guard has already
        // refused every remote one.
        try {
            OpenAPIV3Parser parser = new OpenAPIV3Parser();
            return file.isPresent()
                    ? parser.readContents(content, null, options, file.get().toAbsolutePath().toString())
                    : parser.readContents(content, null, options);
        } catch (RuntimeException e) {
            throw new OpenApiParseException("OpenAPI parser failed: " + e);
        }
    }
}
