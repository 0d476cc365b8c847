package dev.bulwark.securitytesting.openapi;

import java.util.List;

/** The document could not be turned into an OpenAPI model; carries the reasons as reported. */
public final class OpenApiParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> messages;

    public OpenApiParseException(List<String> messages) {
        super(String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    public OpenApiParseException(String message) {
        this(List.of(message));
    }

    public List<String> messages() {
        return messages;
    }
}
