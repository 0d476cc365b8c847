package dev.bulwark.contracts.sync;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * First message of a data plane on every connection, and again whenever it needs a full resync.
 *
 * @param appliedVersion version in force on the data plane, 0 when it has none
 * @param appliedHash    content hash of that version, null when it has none
 * @param publicUrl      where callers reach this data plane (shown in the console); null when unknown,
 *                       left out of the JSON then so older peers read the message unchanged
 */
public record Hello(String dataPlaneId, String environment, long appliedVersion, String appliedHash, String softwareVersion,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String publicUrl)
        implements SyncMessage {
    public static final String TYPE = "hello";

    public Hello(String dataPlaneId, String environment, long appliedVersion, String appliedHash, String softwareVersion) {
        this(dataPlaneId, environment, appliedVersion, appliedHash, softwareVersion, null);
    }
}
