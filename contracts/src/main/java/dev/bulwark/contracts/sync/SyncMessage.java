package dev.bulwark.contracts.sync;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One message of the control plane ⇄ data plane sync protocol (docs/sync-protocol.md), one per
 * WebSocket text frame, told apart by its {@code type} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Hello.class, name = Hello.TYPE),
    @JsonSubTypes.Type(value = SnapshotFull.class, name = SnapshotFull.TYPE),
    @JsonSubTypes.Type(value = SnapshotDelta.class, name = SnapshotDelta.TYPE),
    @JsonSubTypes.Type(value = Ack.class, name = Ack.TYPE),
    @JsonSubTypes.Type(value = Nack.class, name = Nack.TYPE),
    @JsonSubTypes.Type(value = Heartbeat.class, name = Heartbeat.TYPE),
})
public sealed interface SyncMessage permits Hello, SnapshotFull, SnapshotDelta, Ack, Nack, Heartbeat {
}
