package dev.bulwark.dataplane.policy.ratelimit;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class RateLimitPolicyTest {
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        RedisFixture.closeAll();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void admitsTheLimitWithHeadersThenRejectsWithRetryAfter(TestRedis redis) {
        RedisConnector connector = RedisFixture.connected(vertx, redis.uri());
        int port = serve(distributed(3, 60, FailureMode.CLOSED, true), connector, redis.keyPrefix());

        for (int i = 2; i >= 0; i--) {
            HttpResponse<String> ok = get(port, "/orders");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(i));
            assertThat(Long.parseLong(ok.headers().firstValue("RateLimit-Reset").orElseThrow())).isBetween(1L, 60L);
        }
        HttpResponse<String> limited = get(port, "/orders");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("\"key\":\"RATE_LIMITED\"");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(redis.countKeys()).as("the counter lives under the test's prefix").isPositive();
    }

    @Test
    void headersCanBeTurnedOffButRetryAfterStays(TestRedis redis) {
        RedisConnector connector = RedisFixture.connected(vertx, redis.uri());
        int port = serve(distributed(1, 60, FailureMode.CLOSED, false), connector, redis.keyPrefix());

        HttpResponse<String> ok = get(port, "/orders");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Limit")).isEmpty();
        HttpResponse<String> limited = get(port, "/orders");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("RateLimit-Limit")).isEmpty();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void callersAreCountedApartByHeader(TestRedis redis) {
        RedisConnector connector = RedisFixture.connected(vertx, redis.uri());
        RateLimitConfig config = new RateLimitConfig(1L, 60, 0L, LimitKey.HEADER, "X-Tenant-User",
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 2_000, true);
        int port = serve(config, connector, redis.keyPrefix());

        assertThat(get(port, "/orders", "X-Tenant-User", "alice").statusCode()).isEqualTo(200);
        assertThat(get(port, "/orders", "X-Tenant-User", "bob").statusCode()).isEqualTo(200);
        assertThat(get(port, "/orders", "X-Tenant-User", "alice").statusCode()).isEqualTo(429);
    }

    @Test
    void redisDownFailsOpenAndIsCounted() {
        RedisConnector down = RedisFixture.down(vertx);
        int port = serve(distributed(1, 60, FailureMode.OPEN, true), down, "bw:");

        assertThat(get(port, "/orders").statusCode()).isEqualTo(200);
        assertThat(get(port, "/orders").statusCode()).isEqualTo(200);
        assertThat(failures("open")).isEqualTo(2.0);
    }

    @Test
    void redisDownFailsClosedWith503NeverA4xx() {
        RedisConnector down = RedisFixture.down(vertx);
        int port = serve(distributed(1, 60, FailureMode.CLOSED, true), down, "bw:");

        HttpResponse<String> response = get(port, "/orders");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"key\":\"RATE_LIMIT_UNAVAILABLE\"");
        assertThat(failures("closed")).isEqualTo(1.0);
    }

    @Test
    void slowRedisIsCutOffByTheDeadlineWithoutBlockingTheLoop(TestRedis redis) {
        RedisConnector connector = RedisFixture.connected(vertx, redis.uri());
        RateLimitConfig open = new RateLimitConfig(5L, 60, 0L, LimitKey.IP, null, LimitMode.DISTRIBUTED, FailureMode.OPEN, 50, true);
        RateLimitConfig closed = new RateLimitConfig(5L, 60, 0L, LimitKey.IP, null, LimitMode.DISTRIBUTED, FailureMode.CLOSED, 50, true);
        int openPort = serve(open, connector, redis.keyPrefix());
        int closedPort = serve(closed, connector, redis.keyPrefix());

        RedisFixture.pause(redis.uri(), 1_500);
        long started = System.nanoTime();
        HttpResponse<String> admitted = get(openPort, "/orders");
        HttpResponse<String> refused = get(closedPort, "/orders");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(elapsedMillis).as("both answered on the deadline, not after the pause").isLessThan(1_200);
        assertThat(failures("open")).isEqualTo(1.0);
        assertThat(failures("closed")).isEqualTo(1.0);
    }

    @Test
    void localModeLimitsWithoutRedis() {
        RateLimitConfig config = new RateLimitConfig(2L, 60, 1L, LimitKey.IP, null, LimitMode.LOCAL, FailureMode.CLOSED, 50, true);
        RateLimitPolicy policy = new RateLimitPolicy(config, new LocalWindowLimiter(System::nanoTime),
                new RedisFailureMode(FailureMode.CLOSED, "rate-limit", "RATE_LIMIT_UNAVAILABLE", metrics), "bw:");
        PolicyHarness harness = new PolicyHarness(vertx, List.of(policy));
        int port = harness.start();

        assertThat(get(port, "/").headers().firstValue("RateLimit-Limit")).as("limit + burst").hasValue("3");
        assertThat(get(port, "/").statusCode()).isEqualTo(200);
        assertThat(get(port, "/").statusCode()).isEqualTo(200);
        assertThat(get(port, "/").statusCode()).isEqualTo(429);
    }

    private int serve(RateLimitConfig config, RedisConnector connector, String prefix) {
        AsyncRedis redis = new AsyncRedis(vertx, connector);
        RateLimitPolicy policy = new RateLimitPolicy(config,
                new RedisWindowLimiter(redis, config.redisTimeoutMillis(), System::nanoTime),
                new RedisFailureMode(config.failureMode(), "rate-limit", "RATE_LIMIT_UNAVAILABLE", metrics), prefix);
        return new PolicyHarness(vertx, List.of(policy)).start();
    }

    private static RateLimitConfig distributed(long limit, int seconds, FailureMode mode, boolean headers) {
        return new RateLimitConfig(limit, seconds, 0L, LimitKey.IP, null, LimitMode.DISTRIBUTED, mode, 2_000, headers);
    }

    private double failures(String mode) {
        var counter = metrics.find(RedisFailureMode.METRIC).tag("mode", mode).counter();
        return counter == null ? 0 : counter.count();
    }
}
