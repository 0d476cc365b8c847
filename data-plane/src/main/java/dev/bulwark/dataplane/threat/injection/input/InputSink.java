package dev.bulwark.dataplane.threat.injection.input;

/**
 * Receives every input the extractors find in a request, in order. Each method returns
 * {@code true} to stop the extraction (the receiver has seen enough, e.g. it found an attack).
 *
 * <p>Names and values are views valid only during the call: a receiver that keeps one copies it.
 */
public interface InputSink {
    /** Where a name/value pair came from; also the first element of its location ({@code query.q}). */
    enum Source {
        QUERY("query", InputKind.QUERY_NAME, InputKind.QUERY_VALUE),
        FORM("form", InputKind.FORM_NAME, InputKind.FORM_VALUE),
        COOKIE("cookie", InputKind.COOKIE_NAME, InputKind.COOKIE_VALUE),
        MULTIPART("multipart", InputKind.MULTIPART_NAME, InputKind.MULTIPART_VALUE);

        private final String prefix;
        private final InputKind nameKind;
        private final InputKind valueKind;

        Source(String prefix, InputKind nameKind, InputKind valueKind) {
            this.prefix = prefix;
            this.nameKind = nameKind;
            this.valueKind = valueKind;
        }

        public String prefix() {
            return prefix;
        }

        public InputKind nameKind() {
            return nameKind;
        }

        public InputKind valueKind() {
            return valueKind;
        }
    }

    /** The request path, still percent-encoded. */
    boolean path(CharSequence rawPath);

    /** A name/value pair, both as sent (still percent-encoded where the source encodes). */
    boolean parameter(Source source, CharSequence rawName, CharSequence rawValue);

    /** A header value; {@code lowerName} is the header name in lower case. */
    boolean header(String lowerName, CharSequence value);

    /**
     * A value found inside a structured body: a JSON key or string, an XML text or attribute, a file
     * name, a plain-text body. {@code location} is its full location ({@code body/items/3/name}).
     */
    boolean value(InputKind kind, CharSequence location, CharSequence value);
}
