package dev.bulwark.contracts.sync;

/** The data plane applied this version; its content hashed to {@code hash}. */
public record Ack(long version, String hash) implements SyncMessage {
    public static final String TYPE = "ack";
}
