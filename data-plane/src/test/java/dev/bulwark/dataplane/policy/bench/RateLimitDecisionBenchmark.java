package dev.bulwark.dataplane.policy.bench;

import dev.bulwark.dataplane.policy.ratelimit.AsyncRedis;
import dev.bulwark.dataplane.policy.ratelimit.Decision;
import dev.bulwark.dataplane.policy.ratelimit.RedisWindowLimiter;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one distributed rate-limit decision costs against the real Redis: a lone EVALSHA round
 * trip, 64 decisions in flight at once (Lettuce pipelines them on its one connection), a large
 * window decided mostly from leased tokens, and a decision answered by the local memory of full
 * windows (no round trip). Needs Redis on the
 * test-fixtures URL; keys live under a fresh prefix removed at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitDecisionBenchmark {
    private static final long HUGE = 1_000_000_000L;

    private Vertx vertx;
    private RedisConnector connector;
    private TestRedis redis;
    private RedisWindowLimiter limiter;
    private String openKey;
    private String fullKey;
    private String leasedKey;

    @Setup(Level.Trial)
    public void connect() throws InterruptedException {
        vertx = Vertx.vertx();
        redis = RealServices.newRedisPrefix();
        connector = new RedisConnector(vertx, redis.uri());
        connector.start();
        while (connector.connection() == null) {
            Thread.sleep(10);
        }
        limiter = new RedisWindowLimiter(new AsyncRedis(vertx, connector), 2_000, System::nanoTime);
        openKey = redis.keyPrefix() + "rl:{bench:open}:s";
        fullKey = redis.keyPrefix() + "rl:{bench:full}:s";
        leasedKey = redis.keyPrefix() + "rl:{bench:leased}:s";
        await(limiter.acquire(fullKey, 1, 3_600_000));
        await(limiter.acquire(fullKey, 1, 3_600_000));
    }

    @TearDown(Level.Trial)
    public void close() {
        connector.close();
        vertx.close().await();
        redis.close();
    }

    /** Exact path: a small window (no leases) that never fills (1 ms long), so every call is an EVALSHA. */
    @Benchmark
    public Decision oneRoundTrip() {
        return await(limiter.acquire(openKey, 999, 1));
    }

    /** Reported per batch: divide by 64 for the cost of one decision. */
    @Benchmark
    public int batchOf64InFlight() {
        List<Future<Decision>> batch = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            batch.add(limiter.acquire(openKey, 999, 1));
        }
        Future.all(batch).await();
        return batch.size();
    }

    /** Large window: 63 of 64 decisions are spent from a local lease. */
    @Benchmark
    public Decision leasedLargeWindow() {
        return await(limiter.acquire(leasedKey, HUGE, 3_600_000));
    }

    @Benchmark
    public Decision knownFullWindow() {
        return await(limiter.acquire(fullKey, 1, 3_600_000));
    }

    private static Decision await(Future<Decision> decision) {
        return decision.await();
    }
}
