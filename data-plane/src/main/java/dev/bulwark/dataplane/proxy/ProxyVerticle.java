package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.snapshot.CompiledSnapshot;
import dev.bulwark.dataplane.snapshot.RouteMatch;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Accepts tenant traffic. One instance per event loop; all share the listening port.
 */
public final class ProxyVerticle extends VerticleBase {
    private final SnapshotHolder snapshots;
    private final String host;
    private final int port;
    private HttpServer server;

    public ProxyVerticle(SnapshotHolder snapshots, String host, int port) {
        this.snapshots = snapshots;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        return server.requestHandler(this::handle).listen();
    }

    private void handle(HttpServerRequest request) {
        CompiledSnapshot snapshot = snapshots.current();
        if (snapshot == null) {
            Problems.write(request.response(), 503, "NO_CONFIGURATION", "The gateway has no configuration yet", null);
            return;
        }
        RouteMatch match = snapshot.router().match(request.authority() == null ? null : request.authority().host(),
                request.method().name(), request.path());
        if (match == null) {
            Problems.write(request.response(), 404, "ROUTE_NOT_FOUND", "No API is published at this path", null);
            return;
        }
        Problems.write(request.response(), 501, "NOT_IMPLEMENTED", "Proxying is not available yet", null);
    }
}
