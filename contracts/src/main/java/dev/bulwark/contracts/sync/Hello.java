package dev.bulwark.contracts.sync;

/**
 * First message of a data plane on every connection, and again whenever it needs a full resync.
 *
 * @param appliedVersion version in force on the data plane, 0 when it has none
 * @param appliedHash    content hash of that version, null when it has none
 */
public record Hello(String dataPlaneId, String environment, long appliedVersion, String appliedHash, String softwareVersion)
        implements SyncMessage {
    public static final String TYPE = "hello";
}
