package dev.bulwark.dataplane;

import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.SettingsException;
import dev.bulwark.dataplane.proxy.ProxyVerticle;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;
import dev.bulwark.dataplane.status.StatusServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data plane process: proxy verticles on the traffic port, health and metrics on the status port. */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewaySettings settings;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SnapshotHolder snapshots = new SnapshotHolder();
    private Vertx vertx;
    private RedisConnector redis;
    private StatusServer status;

    public Gateway(GatewaySettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        GatewaySettings settings;
        try {
            settings = GatewaySettings.fromEnvironment();
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway = new Gateway(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.stop().toCompletionStage().toCompletableFuture()
                .orTimeout(settings.shutdownGrace().toMillis() + 2_000, TimeUnit.MILLISECONDS).exceptionally(e -> null).join(),
                "gateway-shutdown"));
        gateway.start().onFailure(error -> {
            System.err.println("gateway failed to start: " + error.getMessage());
            System.exit(1);
        });
    }

    public Future<Void> start() {
        vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(settings.nativeTransport())
                .setEventLoopPoolSize(settings.eventLoops()));
        redis = new RedisConnector(vertx, settings.redisUrl());
        redis.start();
        snapshots.swap(SnapshotHolder.empty(settings.environment()));
        Gauge.builder("bulwark.snapshot.version", snapshots, holder -> holder.current() == null ? -1 : holder.current().version())
                .description("Version of the configuration snapshot in force").register(metrics);
        status = new StatusServer(vertx, snapshots, redis, metrics);
        DeploymentOptions deployment = new DeploymentOptions().setInstances(settings.eventLoops());
        return vertx.deployVerticle(() -> new ProxyVerticle(snapshots, settings.host(), settings.port()), deployment)
                .compose(id -> status.listen(settings.host(), settings.statusPort()))
                .onSuccess(server -> LOG.info("gateway {} listening on {}:{} (status {}), native transport {}",
                        settings.gatewayId(), settings.host(), settings.port(), settings.statusPort(), vertx.isNativeTransportEnabled()))
                .mapEmpty();
    }

    public Future<Void> stop() {
        if (vertx == null) {
            return Future.succeededFuture();
        }
        // Closing Vert.x closes every server and undeploys the verticles; it must not be chained on
        // one of its own event loops, which it is about to stop.
        redis.close();
        return vertx.close();
    }

    public SnapshotHolder snapshots() {
        return snapshots;
    }
}
