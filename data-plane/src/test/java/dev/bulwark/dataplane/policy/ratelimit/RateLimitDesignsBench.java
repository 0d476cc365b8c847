package dev.bulwark.dataplane.policy.ratelimit;

import com.sun.management.OperatingSystemMXBean;
import dev.bulwark.dataplane.redis.RedisConnector;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.UUID;

/**
 * Compares the distributed rate limit's designs on one event loop against a real Redis, in the same
 * run: one script call per decision, the decisions of a tick batched into one call, and leased
 * tokens (large windows). Reports script calls and this process's CPU time (event loop, Lettuce and
 * timers together) per decision; figures are ratios to read within one run, not throughput.
 *
 * <pre>data-plane/bench/run-ratelimit-designs.sh [decisions] [in-flight]</pre>
 */
public final class RateLimitDesignsBench {
    private static final int CALLERS = 1_000;

    private RateLimitDesignsBench() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String uri = System.getenv().getOrDefault("BULWARK_REDIS_URL", "redis://127.0.0.1:6379");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        RedisConnector connector = new RedisConnector(vertx, uri);
        connector.start();
        while (connector.commands() == null) {
            Thread.sleep(50);
        }
        String run = "bench:rl:" + UUID.randomUUID() + ":";
        System.out.printf("%-22s %10s %14s %16s %12s%n", "design", "decisions", "calls/decision", "CPU us/decision", "admitted");
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up; the second is reported
            boolean report = round == 1;
            // capacity 999: below the lease threshold, every decision is Redis's, one request at a time
            measure("per-decision script", new AsyncRedis(vertx, connector, 1), 999, run + round + ":a:", decisions, inFlight, report);
            measure("batched per tick", new AsyncRedis(vertx, connector), 999, run + round + ":b:", decisions, inFlight, report);
            // capacity 1,000,000: leases of 64 tokens while the window is far from full
            measure("leased (+ batched)", new AsyncRedis(vertx, connector), 1_000_000, run + round + ":c:", decisions, inFlight, report);
        }
        connector.close();
        vertx.close().await();
    }

    private static void measure(String design, AsyncRedis redis, long capacity, String prefix, int decisions, int inFlight,
                                boolean report) {
        RedisWindowLimiter limiter = new RedisWindowLimiter(redis, 2_000, System::nanoTime);
        String[] keys = new String[CALLERS];
        for (int i = 0; i < CALLERS; i++) {
            keys[i] = LimitKeys.rateLimit(prefix, "tenant", "caller-" + i, "api:bench");
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long calls = redis.windows().calls();
        long cpu = os.getProcessCpuTime();
        Promise<Long> done = Promise.promise();
        redis.vertx().runOnContext(ignored -> new Loop(limiter, keys, capacity, decisions, done).start(inFlight));
        long admitted = done.future().await();
        long cpuNanos = os.getProcessCpuTime() - cpu;
        long callsMade = redis.windows().calls() - calls;
        if (report) {
            System.out.printf(Locale.ROOT, "%-22s %10d %14.4f %16.2f %12d%n", design, decisions, callsMade / (double) decisions,
                    cpuNanos / 1e3 / decisions, admitted);
        }
    }

    /** A closed loop: {@code inFlight} decisions outstanding, each completion starts the next. */
    private static final class Loop {
        private final RedisWindowLimiter limiter;
        private final String[] keys;
        private final long capacity;
        private final int total;
        private final Promise<Long> done;
        private int issued;
        private int completed;
        private long admitted;
        private int pending;
        private boolean running;

        Loop(RedisWindowLimiter limiter, String[] keys, long capacity, int total, Promise<Long> done) {
            this.limiter = limiter;
            this.keys = keys;
            this.capacity = capacity;
            this.total = total;
            this.done = done;
        }

        void start(int inFlight) {
            for (int i = 0; i < inFlight; i++) {
                next();
            }
        }

        /** Leased decisions complete at once: a trampoline instead of recursion keeps the stack flat. */
        private void next() {
            pending++;
            if (running) {
                return;
            }
            running = true;
            while (pending > 0) {
                pending--;
                issue();
            }
            running = false;
        }

        private void issue() {
            if (issued == total) {
                return;
            }
            String key = keys[issued++ % keys.length];
            limiter.acquire(key, capacity, 600_000).onComplete(decision -> {
                completed++;
                if (decision.succeeded() && decision.result().admitted()) {
                    admitted++;
                }
                if (completed == total) {
                    done.complete(admitted);
                } else {
                    next();
                }
            });
        }
    }
}
