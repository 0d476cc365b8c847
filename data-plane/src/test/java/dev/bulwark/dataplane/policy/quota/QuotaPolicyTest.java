package dev.bulwark.dataplane.policy.quota;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.QuotaPeriod;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.policy.ratelimit.AsyncRedis;
import dev.bulwark.dataplane.policy.ratelimit.RedisFailureMode;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class QuotaPolicyTest {
    /**
     * 22:00 UTC of tomorrow, derived from the real clock: Redis expires the counter by its own clock, so a
     * fixed date would put the expiry in the past once the calendar overtakes it. Two hours before the
     * period ends gives a known Retry-After.
     */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(22, ChronoUnit.HOURS);
    private static final Instant PERIOD_END = NOW.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void counterSurvivesAGatewayRestartAndExpiresAfterThePeriod(TestRedis redis) {
        QuotaConfig config = new QuotaConfig(3L, QuotaPeriod.DAY, LimitKey.APPLICATION, "UTC", FailureMode.CLOSED, 2_000);
        Vertx first = Vertx.vertx();
        int port = gateway(first, redis.uri(), redis.keyPrefix(), config);
        assertThat(get(port, "/orders").statusCode()).isEqualTo(200);
        assertThat(get(port, "/orders").statusCode()).isEqualTo(200);
        RedisFixture.closeAll();
        first.close().toCompletionStage().toCompletableFuture().join();

        Vertx restarted = Vertx.vertx();
        try {
            int again = gateway(restarted, redis.uri(), redis.keyPrefix(), config);
            assertThat(get(again, "/orders").statusCode()).isEqualTo(200);
            HttpResponse<String> exceeded = get(again, "/orders");
            assertThat(exceeded.statusCode()).isEqualTo(429);
            assertThat(exceeded.body()).contains("QUOTA_EXCEEDED");
            assertThat(exceeded.headers().firstValue("Retry-After")).hasValue("7200");
            assertThat(get(again, "/orders").statusCode()).as("known used up: answered without Redis").isEqualTo(429);

            int raised = gateway(restarted, redis.uri(), redis.keyPrefix(),
                    new QuotaConfig(4L, QuotaPeriod.DAY, LimitKey.APPLICATION, "UTC", FailureMode.CLOSED, 2_000));
            assertThat(get(raised, "/orders").statusCode()).as("a raised quota keeps the day's usage").isEqualTo(200);
            assertThat(get(raised, "/orders").statusCode()).isEqualTo(429);
        } finally {
            RedisFixture.closeAll();
            restarted.close().toCompletionStage().toCompletableFuture().join();
        }
        RedisClient client = RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            List<String> keys = connection.sync().keys(redis.keyPrefix() + "q:*");
            assertThat(keys).hasSize(1).allSatisfy(key -> assertThat(key).endsWith(":" + LocalDate.ofInstant(NOW, ZoneOffset.UTC)));
            assertThat(connection.sync().get(keys.getFirst())).isEqualTo("4");
            // TTL rather than EXPIRETIME (Redis 7 only): the embedded fallback server is Redis 6.2.
            long expected = PERIOD_END.getEpochSecond() + QuotaPolicy.EXPIRY_MARGIN_SECONDS - Instant.now().getEpochSecond();
            assertThat(connection.sync().ttl(keys.getFirst())).isBetween(expected - 60, expected + 1);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void redisDownFollowsTheFailureMode() {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnector down = RedisFixture.down(vertx);
            QuotaConfig open = new QuotaConfig(1L, QuotaPeriod.MONTH, null, null, FailureMode.OPEN, 50);
            QuotaConfig closed = new QuotaConfig(1L, QuotaPeriod.MONTH, null, null, FailureMode.CLOSED, 50);
            assertThat(get(serve(vertx, down, "bw:", open), "/orders").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = get(serve(vertx, down, "bw:", closed), "/orders");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("QUOTA_UNAVAILABLE");
        } finally {
            RedisFixture.closeAll();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private int gateway(Vertx vertx, String uri, String prefix, QuotaConfig config) {
        return serve(vertx, RedisFixture.connected(vertx, uri), prefix, config);
    }

    private int serve(Vertx vertx, RedisConnector connector, String prefix, QuotaConfig config) {
        QuotaPolicy quota = new QuotaPolicy(config, new AsyncRedis(vertx, connector),
                new RedisFailureMode(config.failureMode(), "quota", "QUOTA_UNAVAILABLE", metrics), prefix,
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new PolicyHarness(vertx, List.of(application("app-1"), quota)).start();
    }

    private static Policy application(String applicationId) {
        return new Policy() {
            @Override
            public String id() {
                return "fixed-consumer";
            }

            @Override
            public int order() {
                return 300;
            }

            @Override
            public Future<Void> onRequest(RequestContext context) {
                context.authenticate(new Consumer("tenant-a", applicationId, "k1", null, List.of(), "gold"));
                return CONTINUE;
            }
        };
    }
}
