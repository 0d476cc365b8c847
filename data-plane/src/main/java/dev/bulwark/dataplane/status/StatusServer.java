package dev.bulwark.dataplane.status;

import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;
import dev.bulwark.dataplane.sync.SyncStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Health and metrics on a port of their own, so that no tenant route can shadow or reach them.
 * Ready means the gateway can serve: a snapshot is applied and Redis answers.
 */
public final class StatusServer {
    private static final long REDIS_PING_TIMEOUT_MS = 1_000;

    private final Vertx vertx;
    private final SnapshotHolder snapshots;
    private final RedisConnector redis;
    private final PrometheusMeterRegistry metrics;
    private final SyncStatus sync;
    private HttpServer server;

    public StatusServer(Vertx vertx, SnapshotHolder snapshots, RedisConnector redis, PrometheusMeterRegistry metrics) {
        this(vertx, snapshots, redis, metrics, null);
    }

    /** @param sync when the gateway syncs with a control plane: ready only once a snapshot came through it */
    public StatusServer(Vertx vertx, SnapshotHolder snapshots, RedisConnector redis, PrometheusMeterRegistry metrics, SyncStatus sync) {
        this.vertx = vertx;
        this.snapshots = snapshots;
        this.redis = redis;
        this.metrics = metrics;
        this.sync = sync;
    }

    public Future<HttpServer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::scrape);
        server = vertx.createHttpServer();
        return server.requestHandler(router).listen(port, host);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void live(RoutingContext context) {
        json(context, 200, new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext context) {
        CompiledSnapshot snapshot = snapshots.current();
        redis.ping(REDIS_PING_TIMEOUT_MS).onComplete(result -> {
            boolean redisUp = result.succeeded() && result.result();
            boolean ready = redisUp && snapshot != null && (sync == null || sync.ready());
            JsonObject checks = new JsonObject()
                    .put("redis", redisUp ? "UP" : "DOWN")
                    .put("snapshot", snapshot == null ? "NONE" : "APPLIED");
            JsonObject body = new JsonObject().put("status", ready ? "UP" : "DOWN").put("checks", checks);
            if (snapshot != null) {
                body.put("snapshotVersion", snapshot.version()).put("environment", snapshot.environment());
            }
            if (sync != null) {
                body.put("sync", sync.describe());
            }
            json(context, ready ? 200 : 503, body);
        });
    }

    private void scrape(RoutingContext context) {
        context.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.toBuffer());
    }
}
