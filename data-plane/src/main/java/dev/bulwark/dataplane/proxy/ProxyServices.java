package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.config.EdgeSettings;
import dev.bulwark.dataplane.event.EventSink;
import dev.bulwark.dataplane.observability.GatewayMetrics;
import dev.bulwark.dataplane.proxy.edge.ConnectionLimiter;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;
import dev.bulwark.dataplane.upstream.FailureStatuses;
import dev.bulwark.dataplane.upstream.UpstreamResolver;

/**
 * What every proxy verticle shares: the snapshot in force, metrics, the event sink, the resolver
 * that checks every upstream address before a connection is opened, which upstream statuses count
 * as breaker failures, the edge limits with the connection caps every event loop counts against, and
 * whether https upstreams are offered HTTP/2.
 */
public record ProxyServices(SnapshotHolder snapshots, GatewayMetrics metrics, EventSink events, String environment,
                            UpstreamResolver resolver, FailureStatuses breakerStatuses, EdgeSettings edge,
                            ConnectionLimiter connections, boolean upstreamHttp2) {
}
