package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.dataplane.policy.HttpProbe;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The headline guarantee: two independent gateways (own Vert.x, own Lettuce connection, own policy
 * instance) sharing one Redis admit exactly the limit, however the requests interleave.
 */
@ExtendWith(RealServicesExtension.class)
class TwoGatewaysExactnessTest {
    private static final int CLIENTS = 20;
    private static final int REQUESTS = 300;

    @Test
    void twentyClientsFiring300RequestsAtTwoGatewaysGetExactly100(TestRedis redis) throws Exception {
        // Closed with a generous deadline: a timed-out decision must not be admitted, or the count would drift.
        RateLimitConfig config = new RateLimitConfig(100L, 10, 0L, LimitKey.HEADER, "X-Caller",
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 5_000, true);
        Vertx first = Vertx.vertx();
        Vertx second = Vertx.vertx();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            int[] ports = {gateway(first, redis, config), gateway(second, redis, config)};
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        int status = HttpProbe.get(ports[i % 2], "/orders", "X-Caller", "load-test").statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            assertThat(statuses.get(200).get()).isEqualTo(100);
            assertThat(statuses.get(429).get()).isEqualTo(200);
            assertThat(statuses).containsOnlyKeys(200, 429);
        } finally {
            clients.shutdownNow();
            RedisFixture.closeAll();
            first.close().toCompletionStage().toCompletableFuture().join();
            second.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static int gateway(Vertx vertx, TestRedis redis, RateLimitConfig config) {
        RedisConnector connector = RedisFixture.connected(vertx, redis.uri());
        RateLimitPolicy policy = new RateLimitPolicy(config,
                new RedisWindowLimiter(new AsyncRedis(vertx, connector), config.redisTimeoutMillis(), System::nanoTime),
                new RedisFailureMode(config.failureMode(), "rate-limit", "RATE_LIMIT_UNAVAILABLE", new SimpleMeterRegistry()),
                redis.keyPrefix());
        return new PolicyHarness(vertx, List.of(policy)).start();
    }
}
