package dev.bulwark.dataplane.threat.injection.input;

/**
 * Where in a request a value was found. Detectors use it for rules that only make sense in one
 * place (operator keys are names, session identifiers are parameter names, upload rules read file
 * names), and the normaliser for {@code +} (a space only in form encoding).
 */
public enum InputKind {
    PATH(false, false),
    QUERY_NAME(true, true),
    QUERY_VALUE(false, true),
    HEADER(false, false),
    COOKIE_NAME(true, true),
    COOKIE_VALUE(false, true),
    FORM_NAME(true, true),
    FORM_VALUE(false, true),
    MULTIPART_NAME(true, false),
    MULTIPART_VALUE(false, false),
    /** A file name: multipart {@code filename} or an {@code X-Filename}-style header. */
    FILENAME(false, false),
    JSON_KEY(true, false),
    JSON_VALUE(false, false),
    /** XML text, attribute values and processing instructions. */
    XML_VALUE(false, false),
    /** An XML document type declaration, internal subset included. */
    XML_DOCTYPE(false, false),
    /** A body inspected as plain text (text/*, unknown types, or a body its parser could not read). */
    BODY_TEXT(false, false);

    private final boolean name;
    private final boolean formEncoded;

    InputKind(boolean name, boolean formEncoded) {
        this.name = name;
        this.formEncoded = formEncoded;
    }

    /** A parameter name or object key rather than a value. */
    public boolean isName() {
        return name;
    }

    /** {@code +} encodes a space here. */
    public boolean formEncoded() {
        return formEncoded;
    }

    /** A parameter name or value whose name an application chose (query, form, cookie, multipart, JSON). */
    public boolean isParameter() {
        return this != PATH && this != HEADER && this != FILENAME && this != XML_VALUE && this != XML_DOCTYPE && this != BODY_TEXT;
    }
}
