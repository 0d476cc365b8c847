package dev.bulwark.dataplane.sync;

/** The last-known-good file exists but cannot be trusted or read; the gateway starts without it. */
public final class LastKnownGoodException extends Exception {
    public LastKnownGoodException(String message) {
        super(message);
    }

    public LastKnownGoodException(String message, Throwable cause) {
        super(message, cause);
    }
}
