package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.event.EventSink;
import dev.bulwark.dataplane.observability.GatewayMetrics;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;

/** What every proxy verticle shares: the snapshot in force, metrics and the event sink. */
public record ProxyServices(SnapshotHolder snapshots, GatewayMetrics metrics, EventSink events, String environment) {
}
