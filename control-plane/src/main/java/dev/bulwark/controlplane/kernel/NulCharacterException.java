package dev.bulwark.controlplane.kernel;

/**
 * A NUL character in client input: PostgreSQL cannot store it in text, and log and header
 * consumers cut at it, so it is refused as bad input (400 naming the field) wherever it arrives.
 */
public final class NulCharacterException extends IllegalArgumentException {
    public NulCharacterException() {
        super("string contains a NUL character", null);
    }
}
