package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.DeserializationUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns OpenAPI 3.0/3.1 text, or Swagger 2.0 text (converted to OpenAPI 3.0 by swagger-parser's
 * converter), into an {@link ApiDocument}. Documents come from tenants, so the loader caps their
 * size and vets references before the parser may follow them.
 */
public final class OpenApiLoader {

    /** 10 MiB: the largest public API descriptions (GitHub, Stripe, Kubernetes) are 2.5-6 MB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private final long maxBytes;

    public OpenApiLoader() {
        this(DEFAULT_MAX_BYTES);
    }

    public OpenApiLoader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        allowYamlOf(maxBytes);
    }

    /**
     * swagger-parser reads YAML with a process-wide code point limit (3 MB by default), below
     * this loader's size limit; raise it, never lower it (another loader may need more).
     */
    private static synchronized void allowYamlOf(long maxBytes) {
        DeserializationUtils.Options options = DeserializationUtils.getOptions();
        int wanted = (int) Math.min(Integer.MAX_VALUE - 1, maxBytes + 1);
        if (options.getMaxYamlCodePoints() == null || options.getMaxYamlCodePoints() < wanted) {
            options.setMaxYamlCodePoints(wanted);
        }
    }

    /** Parses text that has no location: references outside the document are refused. */
    public ApiDocument parse(String content, String origin) throws OpenApiParseException {
        return parse(content, origin, Optional.empty());
    }

    /** Reads a file; relative references to files under its directory are allowed (OpenAPI 3 only). */
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
        // Characters, not bytes: cheap, and never more than the UTF-8 size.
        if (content.length() > maxBytes) {
            throw new OpenApiParseException("Document is larger than " + maxBytes + " bytes");
        }
        SourceIndex source = SourceIndex.of(content);
        ExternalRefGuard guard = new ExternalRefGuard(maxBytes);
        Optional<String> swagger = source.scalar(JsonPointer.of("swagger"));
        if (swagger.isPresent()) {
            if (!swagger.get().startsWith("2.")) {
                throw new OpenApiParseException("Unsupported Swagger version '" + swagger.get() + "'; 2.0 or OpenAPI 3.x");
            }
            // The 1.x parser behind the converter resolves relative files against the working
            // directory: a Swagger 2.0 document must be self-contained.
            guard.checkDetached(source);
            return convert(content, origin, source, swagger.get());
        }
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

    private static ApiDocument convert(String content, String origin, SourceIndex source, String version)
            throws OpenApiParseException {
        ParseOptions options = new ParseOptions();
        options.setResolve(false); // local references are rewritten by the conversion, nothing is fetched
        SwaggerParseResult result;
        try {
            result = new SwaggerConverter().readContents(content, null, options);
        } catch (RuntimeException e) {
            throw new OpenApiParseException("Swagger 2.0 conversion failed: " + e);
        }
        List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
        if (result == null || result.getOpenAPI() == null) {
            throw new OpenApiParseException(messages.isEmpty() ? List.of("Not a Swagger 2.0 document") : messages);
        }
        return ApiDocument.converted(origin, result.getOpenAPI(), source, messages, version);
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
