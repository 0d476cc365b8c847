package dev.bulwark.dataplane.threat.injection.input;

import java.nio.charset.StandardCharsets;

/**
 * Extracts the inputs of a request body by its media type: form fields, JSON keys and strings,
 * multipart fields and file names, XML text and attributes; text and unknown types as one value,
 * bounded; binary types only for serialised-object magic. A structured body its parser cannot read
 * is inspected as text, so a malformed document is no way around inspection.
 *
 * <p>Holds reusable parser state: one instance per thread.
 */
public final class BodyInputs {
    /** Most bytes of a text or unknown body inspected as one value. */
    public static final int MAX_TEXT_BYTES = 256 * 1024;

    private final JsonWalker json = new JsonWalker();
    private final XmlWalker xml = new XmlWalker();
    private final boolean[] malformed = new boolean[1];

    /** Returns whether the sink asked to stop. */
    public boolean extract(MediaType type, byte[] body, int length, InputSink sink) {
        if (length <= 0) {
            return false;
        }
        if (type.isForm()) {
            return FormFields.split(text(body, 0, length), InputSink.Source.FORM, sink);
        }
        if (type.isMultipart()) {
            return Multipart.walk(body, 0, length, type.boundary(), this, sink);
        }
        if (type.isJson() || type.isXml()) {
            return structured(body, 0, length, type, "body", sink);
        }
        if (type.isBinary()) {
            return binary(body, 0, length, "body", sink);
        }
        if (looksLikeJson(body, length)) {
            // JSON sent as text/plain or without a type: an application that parses it anyway sees keys and strings
            int result = json.walk(body, 0, length, "body", sink);
            if (result != JsonWalker.MALFORMED) {
                return result == JsonWalker.STOPPED;
            }
        }
        return sink.value(InputKind.BODY_TEXT, "body", text(body, 0, Math.min(length, MAX_TEXT_BYTES)));
    }

    /** A JSON or XML document (a body, or a multipart part); malformed ones are inspected as text. */
    boolean structured(byte[] b, int from, int to, MediaType type, String location, InputSink sink) {
        if (type.isJson()) {
            int result = json.walk(b, from, to, location, sink);
            if (result != JsonWalker.MALFORMED) {
                return result == JsonWalker.STOPPED;
            }
        } else {
            malformed[0] = false;
            if (xml.walk(text(b, from, to), location, sink, malformed)) {
                return true;
            }
            if (!malformed[0]) {
                return false;
            }
        }
        return sink.value(InputKind.BODY_TEXT, location, text(b, from, Math.min(to, from + MAX_TEXT_BYTES)));
    }

    /**
     * File data is not text; the one thing worth finding in it is a Java serialisation stream
     * (magic {@code AC ED 00 05}), which is only ever sent to be deserialised.
     */
    boolean binary(byte[] b, int from, int to, String location, InputSink sink) {
        if (to - from >= 4 && (b[from] & 0xFF) == 0xAC && (b[from + 1] & 0xFF) == 0xED && b[from + 2] == 0 && b[from + 3] == 5) {
            return sink.value(InputKind.BODY_TEXT, location, "aced0005"); // the magic, spelled as the detectors read it
        }
        return false;
    }

    private static boolean looksLikeJson(byte[] b, int length) {
        int i = 0;
        while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i < length && (b[i] == '{' || b[i] == '[');
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
