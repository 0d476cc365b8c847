package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EndpointAggregate;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage pre-aggregated per event loop: each thread that reports requests gets its own
 * {@link UsageTable} (a thread-local, so no lock and no shared write on the request path), flushed
 * by that same thread every {@code flushMillis} — from a Vert.x periodic timer on its event loop, so
 * an idle loop still flushes, and from {@link #record} when the interval has passed or the table is
 * full. A flush hands the aggregates to {@code output} (the sink's bounded queue).
 */
final class UsageAggregation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageAggregation.class);
    /** Combinations one loop keeps between flushes (~3 MiB at most); more flush early. */
    static final int MAX_CELLS = 8_192;
    /** Endpoint cells with a consumer per loop and flush, then cells without one, then undocumented cells (docs/events.md). */
    static final int MAX_ENDPOINT_CELLS = 2_048;
    static final int ENDPOINT_RESERVE = 512;
    static final int MAX_UNDOCUMENTED = 256;
    /** Distinct undeclared path labels per API, loop and flush: one API's scanner cannot take the others' labels. */
    static final int MAX_UNDECLARED_PER_API = 64;

    private final long flushMillis;
    private final UsageTable.Output output;
    private final EndpointTable.Output endpointOutput;
    private final List<Loop> loops = new CopyOnWriteArrayList<>();
    private final LongAdder flushedRequests = new LongAdder();
    private final FastThreadLocal<Loop> local = new FastThreadLocal<>() {
        @Override
        protected Loop initialValue() {
            Loop loop = new Loop(Vertx.currentContext());
            loops.add(loop);
            return loop;
        }
    };

    UsageAggregation(long flushMillis, UsageTable.Output output) {
        this(flushMillis, output, aggregate -> { });
    }

    UsageAggregation(long flushMillis, UsageTable.Output output, EndpointTable.Output endpointOutput) {
        this.flushMillis = flushMillis;
        this.output = output;
        this.endpointOutput = endpointOutput;
    }

    /** Counts one finished request in the calling thread's table. */
    void record(String tenantId, String apiId, String applicationId, String keyId, int status,
                long latencyMicros, long requestBytes, long responseBytes) {
        local.get().record(tenantId, apiId, applicationId, keyId, Math.clamp(status / 100, 1, 5),
                Math.max(0, latencyMicros), Math.max(0, requestBytes), Math.max(0, responseBytes));
    }

    /**
     * Counts one finished request on its endpoint, in the calling thread's endpoint table.
     *
     * @param operation the operation's label; null for a path the API does not declare (labelled from {@code path})
     * @param path      the path relative to the API's base path
     * @param denied    the upstream answered 403 or 404
     * @param refusedStatus 0 when routed; the status the gateway refused an undeclared path with
     */
    void recordEndpoint(String tenantId, String apiId, String operation, boolean objectIds, String applicationId,
                        String keyId, String clientIp, String method, String path, boolean denied, int refusedStatus) {
        local.get().recordEndpoint(tenantId, apiId, operation, objectIds, applicationId, keyId, clientIp, method, path, denied,
                refusedStatus);
    }

    /** Requests the endpoint tables' bounds kept out of the endpoint aggregates. */
    long endpointRequestsLost() {
        long lost = 0;
        for (Loop loop : loops) {
            lost += loop.endpoints.lost();
        }
        return lost;
    }

    /** Undeclared requests counted under {@link EndpointAggregate#OTHER} by the per-API and per-flush label bounds. */
    long endpointUndeclaredOverflow() {
        long overflow = 0;
        for (Loop loop : loops) {
            overflow += loop.endpoints.overflow();
        }
        return overflow;
    }

    /** Requests handed to the output so far (whether or not it could take them). */
    long flushedRequests() {
        return flushedRequests.sum();
    }

    /**
     * Flushes every loop on its own thread and waits for it (the caller is a shutdown thread, never an
     * event loop). A loop without a Vert.x context, or whose event loop no longer runs tasks, is
     * flushed here: its thread is expected to have stopped reporting.
     */
    @Override
    public void close() {
        for (Loop loop : loops) {
            if (loop.context != null) {
                CountDownLatch done = new CountDownLatch(1);
                loop.context.runOnContext(ignored -> {
                    loop.stop();
                    done.countDown();
                });
                try {
                    if (done.await(2, TimeUnit.SECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("an event loop did not flush its usage in time; flushing it from the closing thread");
            }
            loop.stop();
        }
    }

    /** One thread's table and flush schedule. */
    private final class Loop {
        private final UsageTable table = new UsageTable(MAX_CELLS);
        private final EndpointTable endpoints = new EndpointTable(MAX_ENDPOINT_CELLS, ENDPOINT_RESERVE, MAX_UNDOCUMENTED,
                MAX_UNDECLARED_PER_API);
        private final Context context;
        private final long timer;
        private long nextFlushMillis;

        Loop(Context context) {
            this.context = context != null && context.isEventLoopContext() ? context : null;
            // Created on the loop's own context, so the timer fires on this same thread.
            this.timer = this.context == null ? -1 : this.context.owner().setPeriodic(flushMillis, id -> flushIfDue());
            this.nextFlushMillis = System.currentTimeMillis() + flushMillis;
        }

        void record(String tenantId, String apiId, String applicationId, String keyId, int statusClass,
                    long latencyMicros, long requestBytes, long responseBytes) {
            long now = System.currentTimeMillis();
            if (now >= nextFlushMillis) {
                flush(now);
            }
            UsageTable.Cell cell = table.cell(now, tenantId, apiId, applicationId, keyId, statusClass);
            if (cell == null) {
                flush(now); // full: hand over early rather than grow without bound
                cell = table.cell(now, tenantId, apiId, applicationId, keyId, statusClass);
            }
            cell.add(now, latencyMicros, requestBytes, responseBytes);
        }

        void recordEndpoint(String tenantId, String apiId, String operation, boolean objectIds, String applicationId,
                            String keyId, String clientIp, String method, String path, boolean denied, int refusedStatus) {
            long now = System.currentTimeMillis();
            if (now >= nextFlushMillis) {
                flush(now);
            }
            boolean documented = operation != null;
            String endpoint = documented ? operation : endpoints.undeclaredLabel(tenantId, apiId, EndpointPaths.label(method, path));
            endpoints.add(now, tenantId, apiId, endpoint, documented, objectIds, applicationId, keyId, clientIp, denied,
                    denied && objectIds && path != null ? path.hashCode() : 0, refusedStatus);
        }

        private void flushIfDue() {
            long now = System.currentTimeMillis();
            if (now >= nextFlushMillis) {
                flush(now);
            }
        }

        private void flush(long now) {
            nextFlushMillis = now + flushMillis;
            flushedRequests.add(table.drain(output));
            endpoints.drain(endpointOutput);
        }

        void stop() {
            if (timer >= 0) {
                context.owner().cancelTimer(timer);
            }
            flush(System.currentTimeMillis());
        }
    }
}
