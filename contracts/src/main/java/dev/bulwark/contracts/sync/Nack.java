package dev.bulwark.contracts.sync;

/** The data plane refused this version and keeps serving the one it had; {@code reason} says why. */
public record Nack(long version, String reason) implements SyncMessage {
    public static final String TYPE = "nack";
}
