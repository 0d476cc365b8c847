package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Decisions taken in one event-loop tick travel in one script call, and stay exact at the limit. */
@ExtendWith(RealServicesExtension.class)
class DecisionBatchingTest {

    @Test
    void twoHundredDecisionsInOneTickAreTwoScriptCallsAndAdmitExactlyTheCapacity(TestRedis redis) {
        Vertx vertx = Vertx.vertx();
        try {
            AsyncRedis async = new AsyncRedis(vertx, RedisFixture.connected(vertx, redis.uri()));
            RedisWindowLimiter limiter = new RedisWindowLimiter(async, 2_000, System::nanoTime);
            String key = LimitKeys.rateLimit(redis.keyPrefix(), "tenant-a", "app:batch", "api-1:batch");
            String other = LimitKeys.rateLimit(redis.keyPrefix(), "tenant-a", "app:other", "api-1:batch");
            List<Decision> decisions = inOneTick(vertx, () -> {
                List<Future<Decision>> all = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    all.add(limiter.acquire(i % 4 == 3 ? other : key, 120, 60_000));
                }
                return all;
            });
            long admitted = decisions.stream().filter(Decision::admitted).count();
            // 150 for key (capacity 120: 120 admitted), 50 for other (all admitted)
            assertThat(admitted).isEqualTo(170);
            assertThat(async.windows().calls()).as("128 decisions per call at most, one call per tick").isEqualTo(2);
            // in order: the first 120 decisions on key are the admitted ones, their remaining counts down
            List<Decision> onKey = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                if (i % 4 != 3) {
                    onKey.add(decisions.get(i));
                }
            }
            for (int i = 0; i < onKey.size(); i++) {
                assertThat(onKey.get(i).admitted()).as("decision %d", i).isEqualTo(i < 120);
                assertThat(onKey.get(i).remaining()).isEqualTo(Math.max(0, 119 - i));
            }
            RedisClient client = RedisClient.create(redis.uri());
            try (var connection = client.connect()) {
                assertThat(connection.sync().get(key)).as("never more counted than the capacity").isEqualTo("120");
                assertThat(connection.sync().get(other)).isEqualTo("50");
            } finally {
                client.shutdown();
            }
        } finally {
            RedisFixture.closeAll();
            vertx.close().await();
        }
    }

    @Test
    void aBatchOnARedisThatIsDownFailsEveryDecisionOfIt(TestRedis redis) {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnector down = RedisFixture.down(vertx);
            RedisWindowLimiter limiter = new RedisWindowLimiter(new AsyncRedis(vertx, down), 200, System::nanoTime);
            String key = LimitKeys.rateLimit(redis.keyPrefix(), "tenant-a", "app:down", "api-1:batch");
            Context context = vertx.getOrCreateContext();
            Promise<List<Boolean>> failed = Promise.promise();
            context.runOnContext(ignored -> {
                List<Future<Decision>> all = List.of(limiter.acquire(key, 10, 1_000), limiter.acquire(key, 10, 1_000));
                Future.join(all).onComplete(done -> failed.complete(all.stream().map(Future::failed).toList()));
            });
            assertThat(failed.future().await()).containsExactly(true, true);
        } finally {
            RedisFixture.closeAll();
            vertx.close().await();
        }
    }

    private static List<Decision> inOneTick(Vertx vertx, java.util.function.Supplier<List<Future<Decision>>> decisions) {
        Promise<List<Decision>> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            List<Future<Decision>> all = decisions.get();
            Future.all(all).onComplete(done -> result.complete(all.stream().map(Future::result).toList()));
        });
        return result.future().await();
    }
}
