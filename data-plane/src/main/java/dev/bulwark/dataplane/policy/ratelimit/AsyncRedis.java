package dev.bulwark.dataplane.policy.ratelimit;

import dev.bulwark.dataplane.redis.RedisConnector;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs a Redis script with a deadline enforced by a Vert.x timer, and hands the outcome back on
 * the caller's event loop. Lettuce never blocks the loop; the timer makes sure a slow Redis does
 * not hold the request either: whichever comes first, reply or deadline, decides.
 */
public final class AsyncRedis {
    /** Shared, stack-less: a timeout is expected traffic under a Redis incident, not a bug. */
    static final RuntimeException TIMEOUT = new RedisUnavailable("redis did not answer in time");
    static final RuntimeException NOT_CONNECTED = new RedisUnavailable("redis is not connected");

    private final Vertx vertx;
    private final RedisConnector connector;
    /** Shared by every rate-limit policy of this gateway: one batch per event loop and tick. */
    private final DecisionBatcher windows;

    public AsyncRedis(Vertx vertx, RedisConnector connector) {
        this(vertx, connector, DecisionBatcher.MAX_BATCH);
    }

    /** @param maxBatch rate-limit decisions per script call at most (1: one call per decision, for comparisons) */
    AsyncRedis(Vertx vertx, RedisConnector connector, int maxBatch) {
        this.vertx = vertx;
        this.connector = connector;
        this.windows = new DecisionBatcher(vertx, connector, maxBatch);
    }

    Vertx vertx() {
        return vertx;
    }

    DecisionBatcher windows() {
        return windows;
    }

    public Future<List<Object>> run(RedisScript script, long timeoutMillis, String key, String... args) {
        RedisClusterAsyncCommands<String, String> commands = connector.commands();
        if (commands == null) {
            return Future.failedFuture(NOT_CONNECTED);
        }
        return withDeadline(script.run(commands, key, args), timeoutMillis, Function.identity());
    }

    private <T, R> Future<R> withDeadline(CompletionStage<T> stage, long timeoutMillis, Function<T, R> map) {
        Context context = vertx.getOrCreateContext();
        Promise<R> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> promise.tryFail(TIMEOUT));
        stage.whenComplete((reply, error) -> context.runOnContext(ignored -> {
            vertx.cancelTimer(timer);
            if (error == null) {
                promise.tryComplete(map.apply(reply));
            } else {
                promise.tryFail(error);
            }
        }));
        return promise.future();
    }

    /** Redis could not decide in time; the policy's failure mode applies. */
    static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
