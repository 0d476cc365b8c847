package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class RedisScriptTest {

    @Test
    void unknownScriptFallsBackToEvalOnceAndIsCachedForTheNextEvalsha(TestRedis redis) {
        // A comment no other run has used: Redis cannot know this script, so EVALSHA answers NOSCRIPT.
        RedisScript script = RedisScript.of("-- " + UUID.randomUUID() + "\nreturn {redis.call('INCR', KEYS[1]), tonumber(ARGV[1])}");
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().scriptExists(script.sha1())).containsExactly(false);
            String key = redis.keyPrefix() + "script-test";
            List<Object> first = script.run(connection.async(), key, "7").toCompletableFuture().join();
            assertThat(first).containsExactly(1L, 7L);
            assertThat(connection.sync().scriptExists(script.sha1())).as("EVAL cached it").containsExactly(true);
            assertThat(script.run(connection.async(), key, "8").toCompletableFuture().join()).containsExactly(2L, 8L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aFullWindowIsRememberedAndSparesFurtherRoundTrips(TestRedis redis) {
        Vertx vertx = Vertx.vertx();
        try {
            RedisWindowLimiter limiter = new RedisWindowLimiter(new AsyncRedis(vertx, RedisFixture.connected(vertx, redis.uri())),
                    2_000, System::nanoTime);
            String key = LimitKeys.rateLimit(redis.keyPrefix(), "tenant-a", "app:full", "api-1:x");
            assertThat(limiter.acquire(key, 2, 60_000).await().admitted()).isTrue();
            assertThat(limiter.acquire(key, 2, 60_000).await().admitted()).isTrue();
            long roundTrips = limiter.roundTrips();
            for (int i = 0; i < 50; i++) {
                Decision decision = limiter.acquire(key, 2, 60_000).await();
                assertThat(decision.admitted()).isFalse();
                assertThat(decision.resetMillis()).isBetween(1L, 60_000L);
            }
            assertThat(limiter.roundTrips()).isEqualTo(roundTrips);
            assertThat(limiter.knownFullWindows()).isEqualTo(1);
        } finally {
            RedisFixture.closeAll();
            vertx.close().await();
        }
    }
}
