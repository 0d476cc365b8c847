package dev.bulwark.dataplane.policy.ratelimit;

import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.policy.HttpProbe;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.policy.quota.QuotaPolicy;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.dataplane.redis.RedisTarget;
import dev.bulwark.testing.LocalRedisCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gateways on a local Redis Cluster (six redis-server processes, started once per test class):
 * each gateway a policy harness with its own Vert.x and its own cluster connection, all closed
 * after each test, their keys under a prefix of this class's own.
 */
final class ClusterGateways implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    final String prefix;
    private final List<Vertx> vertxes = new CopyOnWriteArrayList<>();
    private LocalRedisCluster cluster;

    ClusterGateways(String prefixLetter) {
        this.prefix = prefixLetter + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    LocalRedisCluster cluster() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = LocalRedisCluster.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeGateways();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    void closeGateways() {
        RedisFixture.closeAll();
        vertxes.forEach(vertx -> vertx.close().toCompletionStage().toCompletableFuture().join());
        vertxes.clear();
    }

    /** A gateway enforcing this distributed rate limit; returns its port. */
    int rateLimited(RateLimitConfig config) {
        Vertx vertx = newVertx();
        RedisConnector connector = RedisFixture.connected(vertx, RedisTarget.parse(cluster.seedUrls(), true));
        return serve(vertx, new RateLimitPolicy(config,
                new RedisWindowLimiter(new AsyncRedis(vertx, connector), config.redisTimeoutMillis(), System::nanoTime),
                new RedisFailureMode(config.failureMode(), "rate-limit", "RATE_LIMIT_UNAVAILABLE", new SimpleMeterRegistry()),
                prefix));
    }

    /** A gateway enforcing this quota; returns its port. */
    int quota(QuotaConfig config) {
        Vertx vertx = newVertx();
        RedisConnector connector = RedisFixture.connected(vertx, RedisTarget.parse(cluster.seedUrls(), true));
        return serve(vertx, new QuotaPolicy(config, new AsyncRedis(vertx, connector),
                new RedisFailureMode(config.failureMode(), "quota", "QUOTA_UNAVAILABLE", new SimpleMeterRegistry()),
                prefix, Clock.systemUTC()));
    }

    /**
     * {@code requests} GETs of {@code /orders} from {@code clients} concurrent callers, spread round
     * robin over the gateways, request i sending {@code X-Caller: caller(i)}; returns the count per status.
     */
    static Map<Integer, AtomicInteger> fire(int clients, int[] ports, int requests, IntFunction<String> caller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        int status = HttpProbe.get(ports[i % ports.length], "/orders", "X-Caller", caller.apply(i)).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private Vertx newVertx() {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        return vertx;
    }

    private static int serve(Vertx vertx, Policy policy) {
        return new PolicyHarness(vertx, List.of(policy)).start();
    }
}
