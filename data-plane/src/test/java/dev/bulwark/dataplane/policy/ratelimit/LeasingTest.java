package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class LeasingTest {

    @Test
    void leaseSizeIsOnePercentCappedAndOnlyForLargeWindows() {
        assertThat(RedisWindowLimiter.leaseSize(100)).isEqualTo(1);
        assertThat(RedisWindowLimiter.leaseSize(999)).isEqualTo(1);
        assertThat(RedisWindowLimiter.leaseSize(2_000)).isEqualTo(20);
        assertThat(RedisWindowLimiter.leaseSize(1_000_000)).isEqualTo(64);
    }

    @Test
    void twoGatewaysLeasingTokensStillAdmitExactlyTheCapacityWithFarFewerRoundTrips(TestRedis redis) {
        Vertx first = Vertx.vertx();
        Vertx second = Vertx.vertx();
        try {
            RedisWindowLimiter a = new RedisWindowLimiter(new AsyncRedis(first, RedisFixture.connected(first, redis.uri())), 2_000,
                    System::nanoTime);
            RedisWindowLimiter b = new RedisWindowLimiter(new AsyncRedis(second, RedisFixture.connected(second, redis.uri())), 2_000,
                    System::nanoTime);
            String key = LimitKeys.rateLimit(redis.keyPrefix(), "tenant-a", "app:big", "api-1:lease");
            int admitted = 0;
            for (int i = 0; i < 2_400; i++) {
                Decision decision = (i % 2 == 0 ? a : b).acquire(key, 2_000, 60_000).await();
                admitted += decision.admitted() ? 1 : 0;
                assertThat(decision.remaining()).isBetween(0L, 2_000L);
            }
            assertThat(admitted).isEqualTo(2_000);
            assertThat(a.roundTrips() + b.roundTrips()).as("leases spare most round trips").isLessThan(600);
            RedisClient client = RedisClient.create(redis.uri());
            try (var connection = client.connect()) {
                assertThat(connection.sync().get(key)).as("never more counted than the capacity").isEqualTo("2000");
            } finally {
                client.shutdown();
            }
        } finally {
            RedisFixture.closeAll();
            first.close().await();
            second.close().await();
        }
    }
}
