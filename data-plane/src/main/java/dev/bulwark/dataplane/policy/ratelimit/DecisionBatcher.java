package dev.bulwark.dataplane.policy.ratelimit;

import dev.bulwark.dataplane.redis.RedisConnector;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends the rate-limit decisions one event loop takes in one tick as one script call. The first
 * decision of a tick schedules a flush behind the I/O the loop is handling, so every request read
 * in the same pass of the loop joins the same call; Redis still takes each decision, in order,
 * atomically ({@code fixed_windows.lua}), so the limit stays exact across gateways. What is
 * amortised is the per-call cost: one command, one future, one deadline timer and one hop back
 * to the loop per batch instead of per request.
 *
 * <p>On a Redis Cluster a script may only touch keys of one slot, so a batch is split by slot
 * (callers hash-tag their keys: one caller's decisions still travel together). Off an event loop
 * (tests, blocking callers) a decision is sent alone.
 */
final class DecisionBatcher {
    static final RedisScript SCRIPT = RedisScript.load("/ratelimit/fixed_windows.lua");
    /** Bounds one script's run time inside Redis (a script blocks Redis while it runs). */
    static final int MAX_BATCH = 128;

    private final Vertx vertx;
    private final RedisConnector connector;
    private final FastThreadLocal<Batch> open = new FastThreadLocal<>();
    private final LongAdder calls = new LongAdder();
    private final int maxBatch;

    DecisionBatcher(Vertx vertx, RedisConnector connector, int maxBatch) {
        this.vertx = vertx;
        this.connector = connector;
        this.maxBatch = maxBatch;
    }

    /** The decision's reply: {admitted (1/0), remaining, ms until the window closes, tokens granted}. */
    Future<long[]> decide(String key, long capacity, long windowMillis, long want, long timeoutMillis) {
        Promise<long[]> promise = Promise.promise();
        Entry entry = new Entry(key, capacity, windowMillis, want, promise);
        if (maxBatch == 1 || !Context.isOnEventLoopThread()) {
            send(List.of(entry), timeoutMillis);
            return promise.future();
        }
        Batch batch = open.get();
        if (batch == null) {
            batch = new Batch(timeoutMillis);
            open.set(batch);
            Batch scheduled = batch;
            vertx.getOrCreateContext().runOnContext(ignored -> flush(scheduled));
        }
        batch.add(entry, timeoutMillis);
        if (batch.entries.size() >= maxBatch) {
            flush(batch);
        }
        return promise.future();
    }

    /** Script calls sent so far (each carrying one or more decisions). */
    long calls() {
        return calls.sum();
    }

    private void flush(Batch batch) {
        if (open.get() == batch) {
            open.remove();
        }
        if (batch.entries.isEmpty()) {
            return;
        }
        List<Entry> entries = batch.entries;
        batch.entries = List.of(); // a second flush of the same batch (full, then its tick) sends nothing
        if (!connector.cluster()) {
            send(entries, batch.timeoutMillis);
            return;
        }
        // Group by slot, keeping each slot's decisions in order.
        List<List<Entry>> bySlot = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (Entry entry : entries) {
            int slot = SlotHash.getSlot(entry.key);
            int at = slots.indexOf(slot);
            if (at < 0) {
                slots.add(slot);
                bySlot.add(new ArrayList<>());
                at = slots.size() - 1;
            }
            bySlot.get(at).add(entry);
        }
        for (List<Entry> group : bySlot) {
            send(group, batch.timeoutMillis);
        }
    }

    private void send(List<Entry> entries, long timeoutMillis) {
        RedisClusterAsyncCommands<String, String> commands = connector.commands();
        if (commands == null) {
            for (Entry entry : entries) {
                entry.promise.tryFail(AsyncRedis.NOT_CONNECTED);
            }
            return;
        }
        int n = entries.size();
        String[] keys = new String[n];
        String[] args = new String[3 * n];
        for (int i = 0; i < n; i++) {
            Entry entry = entries.get(i);
            keys[i] = entry.key;
            args[3 * i] = Long.toString(entry.capacity);
            args[3 * i + 1] = Long.toString(entry.windowMillis);
            args[3 * i + 2] = Long.toString(entry.want);
        }
        calls.increment();
        Context context = vertx.getOrCreateContext();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            for (Entry entry : entries) {
                entry.promise.tryFail(AsyncRedis.TIMEOUT);
            }
        });
        SCRIPT.run(commands, keys, args).whenComplete((reply, error) -> context.runOnContext(ignored -> {
            vertx.cancelTimer(timer);
            for (int i = 0; i < n; i++) {
                Promise<long[]> promise = entries.get(i).promise;
                if (error != null) {
                    promise.tryFail(error);
                } else {
                    promise.tryComplete(new long[] {number(reply, 4 * i), number(reply, 4 * i + 1), number(reply, 4 * i + 2),
                            number(reply, 4 * i + 3)});
                }
            }
        }));
    }

    private static long number(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    private record Entry(String key, long capacity, long windowMillis, long want, Promise<long[]> promise) {
    }

    /** The decisions of one loop tick; the batch's deadline is the shortest any of them asked for. */
    private static final class Batch {
        private List<Entry> entries = new ArrayList<>(8);
        private long timeoutMillis;

        Batch(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        void add(Entry entry, long timeout) {
            entries.add(entry);
            timeoutMillis = Math.min(timeoutMillis, timeout);
        }
    }
}
