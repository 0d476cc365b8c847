package dev.bulwark.launcher;

/** A start-up problem the user can fix; printed as one line, never as a stack trace. */
public final class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message, null, false, false);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
