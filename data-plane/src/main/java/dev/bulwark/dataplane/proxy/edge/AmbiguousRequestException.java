package dev.bulwark.dataplane.proxy.edge;

/**
 * A request head two HTTP parsers could read differently. Thrown inside the HTTP/1 decoder, where it
 * becomes the decoder result of an invalid request; the message names the rule, never the input.
 */
public final class AmbiguousRequestException extends IllegalArgumentException {
    public AmbiguousRequestException(String rule) {
        super(rule);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a refusal, not a bug: no stack to capture on the hot path
    }
}
