package dev.bulwark.dataplane;

import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.SettingsException;
import dev.bulwark.dataplane.event.EventShippingSettings;
import dev.bulwark.dataplane.event.EventSink;
import dev.bulwark.dataplane.event.MeteredEventSink;
import dev.bulwark.dataplane.event.RedisStreamsEventSink;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.observability.GatewayMetrics;
import dev.bulwark.dataplane.policy.DefaultPolicyFactory;
import dev.bulwark.dataplane.proxy.ProxyServices;
import dev.bulwark.dataplane.proxy.ProxyVerticle;
import dev.bulwark.dataplane.proxy.TransportOptions;
import dev.bulwark.dataplane.proxy.Transports;
import dev.bulwark.dataplane.proxy.edge.ConnectionLimiter;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.dataplane.snapshot.FileSnapshotLoader;
import dev.bulwark.dataplane.snapshot.GatewayCompiler;
import dev.bulwark.dataplane.snapshot.SnapshotApplier;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;
import dev.bulwark.dataplane.snapshot.SnapshotLoader;
import dev.bulwark.dataplane.status.StatusServer;
import dev.bulwark.dataplane.sync.DataPlaneSync;
import dev.bulwark.dataplane.upstream.FailureStatuses;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import dev.bulwark.dataplane.upstream.UpstreamResolver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data plane process: proxy verticles on the traffic port, health and metrics on the status port. */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewaySettings settings;
    private final PolicyFactory policies;
    private final EventSink events;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SnapshotHolder snapshots = new SnapshotHolder();
    private final List<ProxyVerticle> verticles = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private RedisConnector redis;
    private StatusServer status;
    private SnapshotLoader loader;
    private DataPlaneSync sync;

    public Gateway(GatewaySettings settings, PolicyFactory policies) {
        this(settings, policies, null);
    }

    /** A gateway with the real policies ({@link DefaultPolicyFactory}), built once Vert.x and Redis exist. */
    public Gateway(GatewaySettings settings) {
        this(settings, null, null);
    }

    /** @param events where usage and security events go; null counts them in metrics only */
    public Gateway(GatewaySettings settings, PolicyFactory policies, EventSink events) {
        this.settings = settings;
        this.policies = policies;
        this.events = events == null ? new MeteredEventSink(metrics) : events;
        if (this.events instanceof MeterBinder binder) {
            binder.bindTo(metrics);
        }
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
        // Usage and security events go to Redis Streams (docs/events.md); the sink never blocks traffic.
        RedisStreamsEventSink events = new RedisStreamsEventSink(settings.redisTarget(),
                EventShippingSettings.defaults(settings.redisKeyPrefix())).start();
        // null policies: the real DefaultPolicyFactory, built once Vert.x and Redis exist.
        Gateway gateway = new Gateway(settings, null, events);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.stop().toCompletionStage().toCompletableFuture()
                .orTimeout(settings.shutdownGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS).exceptionally(e -> null).join(),
                "gateway-shutdown"));
        gateway.start().onFailure(error -> {
            System.err.println("gateway failed to start: " + error.getMessage());
            System.exit(1);
        });
    }

    public Future<Void> start() {
        Transport transport = Transports.choose(settings.transport());
        vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(settings.eventLoops()))
                .withTransport(transport)
                .build();
        redis = new RedisConnector(vertx, settings.redisTarget());
        redis.start();
        Gauge.builder("bulwark.snapshot.version", snapshots, holder -> holder.current() == null ? -1 : holder.current().version())
                .description("Version of the configuration snapshot in force").register(metrics);
        PolicyFactory policyFactory = policies != null ? policies
                : new DefaultPolicyFactory(vertx, redis, metrics, settings, java.time.Clock.systemUTC());
        UpstreamRegistry upstreams = new UpstreamRegistry(settings.upstream().breakerFailures(),
                settings.upstream().breakerOpenMillis(), metrics);
        SnapshotApplier applier = new SnapshotApplier(snapshots, new GatewayCompiler(policyFactory, upstreams), metrics);
        Future<Void> firstSnapshot;
        if (settings.sync().enabled()) {
            // Compilation is CPU work: off the event loop. Not ready until the last-known-good file or
            // the control plane provides a snapshot; the last-known-good one is applied before traffic starts.
            sync = DataPlaneSync.create(vertx, settings.sync(), settings.gatewayId(), settings.environment(),
                    snapshot -> vertx.<Void>executeBlocking(() -> {
                        applier.apply(snapshot, "control plane");
                        return null;
                    }, false), metrics, new DataPlaneSync.Reported(settings.publicUrl(), upstreams::openBreakers));
            firstSnapshot = sync.start();
        } else if (settings.snapshotFile() == null) {
            snapshots.swap(SnapshotHolder.empty(settings.environment()));
            firstSnapshot = Future.succeededFuture();
        } else {
            loader = new FileSnapshotLoader(vertx, settings.snapshotFile(), settings.snapshotPollInterval().toMillis(), applier);
            // A bad first file leaves the gateway up but not ready (503 NO_CONFIGURATION) until a good one lands.
            firstSnapshot = loader.start().recover(error -> Future.succeededFuture());
        }
        status = new StatusServer(vertx, snapshots, redis, metrics, sync == null ? null : sync.status());
        ConnectionLimiter connections = new ConnectionLimiter(settings.edge().maxConnections(), settings.edge().maxConnectionsPerClient());
        Gauge.builder("bulwark.connections.open", connections, ConnectionLimiter::open)
                .description("Client connections open on the traffic port").register(metrics);
        ProxyServices services = new ProxyServices(snapshots, new GatewayMetrics(metrics), events, settings.environment(),
                new UpstreamResolver(vertx, settings.upstream().dnsServers(), metrics),
                new FailureStatuses(settings.upstream().breakerStatuses()), settings.edge(), connections, settings.upstream().http2());
        HttpServerOptions server = TransportOptions.server(settings);
        HttpClientOptions client = TransportOptions.client(settings);
        PoolOptions pool = TransportOptions.pool(settings);
        DeploymentOptions deployment = new DeploymentOptions().setInstances(settings.eventLoops());
        return firstSnapshot
                .compose(done -> vertx.deployVerticle(() -> {
                    ProxyVerticle verticle = new ProxyVerticle(services, server, client, pool);
                    verticles.add(verticle);
                    return verticle;
                }, deployment))
                .compose(id -> status.listen(settings.host(), settings.statusPort()))
                .onSuccess(listening -> LOG.info("gateway {} listening on {}:{} (status {}), transport {}, tls {}",
                        settings.gatewayId(), settings.host(), settings.port(), settings.statusPort(),
                        transport.name(), settings.tls().enabled()
                                ? TransportOptions.effectiveEngine(settings.tls()).name().toLowerCase(java.util.Locale.ROOT) : "off"))
                .mapEmpty();
    }

    /**
     * Graceful stop: the traffic port stops accepting, requests in flight get up to the shutdown
     * grace to finish, then everything closes.
     */
    public Future<Void> stop() {
        if (vertx == null) {
            return Future.succeededFuture();
        }
        if (loader != null) {
            loader.stop();
        }
        List<Future<Void>> drained = new ArrayList<>();
        if (sync != null) {
            drained.add(sync.stop());
        }
        for (ProxyVerticle verticle : verticles) {
            drained.add(verticle.shutdown(settings.shutdownGrace()));
        }
        // Closing Vert.x must not be chained on one of its own event loops, which it is about to stop:
        // hop to a common-pool thread first.
        return Future.fromCompletionStage(Future.join(drained).toCompletionStage()
                .handle((done, error) -> null)
                .thenComposeAsync(ignored -> {
                    closeEvents();
                    redis.close();
                    return vertx.close().toCompletionStage();
                }));
    }

    /** Ships what the event sink still holds (it waits on its own thread, never an event loop). */
    private void closeEvents() {
        if (events instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("event sink did not close cleanly: {}", e.getMessage());
            }
        }
    }

    public SnapshotHolder snapshots() {
        return snapshots;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }
}
