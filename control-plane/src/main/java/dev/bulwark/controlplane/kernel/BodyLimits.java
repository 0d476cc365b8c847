package dev.bulwark.controlplane.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Request body sizes. Every route takes at most {@link #DEFAULT_BYTES}; routes that carry an OpenAPI
 * document are marked {@link Document} and take {@link #DOCUMENT_REQUEST_BYTES}, room for a
 * {@link #DOCUMENT_BYTES} document once JSON-escaped. {@code micronaut.server.max-request-size}
 * must equal the largest of them (a test checks it).
 */
public final class BodyLimits {
    public static final long MB = 1024 * 1024;
    public static final long DEFAULT_BYTES = 2 * MB;
    /** The one documented limit of an OpenAPI document, in bytes of UTF-8 text. */
    public static final long DOCUMENT_BYTES = 10 * MB;
    /** JSON escaping grows a document (quotes, new lines); twice its size covers real documents. */
    public static final long DOCUMENT_REQUEST_BYTES = 2 * DOCUMENT_BYTES;

    private BodyLimits() {
    }

    /** Marks a route whose body carries an OpenAPI document. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Document {
    }

    /** "10 MB" for whole megabytes, else the bytes. */
    public static String describe(long bytes) {
        return bytes % MB == 0 ? bytes / MB + " MB" : bytes + " bytes";
    }
}
