package dev.bulwark.dataplane.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.dataplane.redis.RedisTarget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships usage aggregates and security events to Redis Streams without ever holding back traffic.
 *
 * <p>Usage is counted per event loop ({@link UsageAggregation}) and flushed every
 * {@code usageFlushInterval} as {@link UsageAggregate} records; a security event is one record. Both
 * are offered to a bounded lock-free queue (a full queue drops and counts). One shipper thread drains
 * the queue into a bounded spool, serialises each record to JSON once, and writes batches with
 * pipelined {@code XADD ... MAXLEN ~}.
 * When Redis is unreachable the spool keeps events for retry with capped backoff; when the spool is
 * full the shipper stops draining, the queue fills, and further events are dropped and counted in
 * {@code bulwark_events_dropped_total{stream}}. Delivery is at least once: a batch whose reply was
 * lost is sent again with the same delivery ids, which the control plane deduplicates.
 */
public final class RedisStreamsEventSink implements EventSink, MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamsEventSink.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final EventShippingSettings settings;
    private final BoundedEventQueue queue;
    private final Spool spool;
    private final EventShippingMetrics metrics;
    private final StreamWriter writer;
    private final UsageAggregation usage;
    private final LongAdder droppedRequests = new LongAdder();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** Random per sink instance, so delivery ids from different gateways and restarts never collide. */
    private final String idPrefix = HexFormat.of().formatHex(randomBytes()) + "-";
    private final Thread shipper;
    private volatile boolean running = true;
    private long sequence;
    private long backoffNanos;
    private long nextAttemptNanos;

    /** A sink whose metrics are exposed once {@link #bindTo(MeterRegistry)} is called (the gateway does it). */
    public RedisStreamsEventSink(String redisUrl, EventShippingSettings settings) {
        this(RedisTarget.single(redisUrl), settings);
    }

    /** A sink writing to a single Redis or a Redis Cluster (both streams share the {@code {events}} slot). */
    public RedisStreamsEventSink(RedisTarget redis, EventShippingSettings settings) {
        this.settings = settings;
        this.queue = new BoundedEventQueue(settings.queueCapacity());
        this.spool = new Spool(settings.spoolMaxEvents(), settings.spoolMaxBytes());
        this.metrics = new EventShippingMetrics();
        this.writer = new StreamWriter(redis, settings);
        this.usage = new UsageAggregation(settings.usageFlushInterval().toMillis(), this::offerUsage, this::offerEndpoint);
        this.shipper = Thread.ofPlatform().name("bulwark-event-shipper").daemon().unstarted(this::run);
    }

    public RedisStreamsEventSink(String redisUrl, EventShippingSettings settings, MeterRegistry registry) {
        this(RedisTarget.single(redisUrl), settings);
        bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.bindTo(registry);
        Gauge.builder("bulwark.events.queue.size", queue, BoundedEventQueue::size)
                .description("Events handed over by the event loops and not yet taken by the shipper").register(registry);
        Gauge.builder("bulwark.events.spool.size", spool, Spool::size)
                .description("Events serialised and waiting for Redis").register(registry);
        Gauge.builder("bulwark.events.spool.bytes", spool, Spool::bytes)
                .description("Bytes of events waiting for Redis").register(registry);
        FunctionCounter.builder("bulwark.usage.requests", usage, UsageAggregation::flushedRequests)
                .description("Requests counted into usage aggregates").register(registry);
        FunctionCounter.builder("bulwark.endpoint.requests.lost", usage, UsageAggregation::endpointRequestsLost)
                .description("Requests left out of endpoint aggregates by their cardinality bound").register(registry);
        FunctionCounter.builder("bulwark.endpoint.undeclared.overflow", usage, UsageAggregation::endpointUndeclaredOverflow)
                .description("Requests to undeclared paths counted under {other} by the per-API label bound").register(registry);
        FunctionCounter.builder("bulwark.usage.requests.dropped", droppedRequests, LongAdder::sum)
                .description("Requests whose usage aggregate was dropped because the queue was full").register(registry);
    }

    public RedisStreamsEventSink start() {
        shipper.start();
        return this;
    }

    @Override
    public void request(String tenantId, String apiId, String applicationId, String keyId, int status,
                        long latencyMicros, long requestBytes, long responseBytes) {
        usage.record(tenantId, apiId, applicationId, keyId, status, latencyMicros, requestBytes, responseBytes);
    }

    @Override
    public void security(SecurityEvent event) {
        offer(event, EventStreams.Kind.SECURITY);
    }

    @Override
    public void endpoint(String tenantId, String apiId, String operation, boolean objectIds, String applicationId,
                         String keyId, String clientIp, String method, String path, boolean denied, int refusedStatus) {
        usage.recordEndpoint(tenantId, apiId, operation, objectIds, applicationId, keyId, clientIp, method, path, denied,
                refusedStatus);
    }

    /**
     * Endpoint aggregates only take the queue's first half: a flood of them (many addresses, made-up
     * paths) is dropped and counted before it can crowd out usage aggregates and security events.
     */
    private void offerEndpoint(EndpointAggregate aggregate) {
        if (queue.size() >= settings.queueCapacity() / 2) {
            metrics.dropped(EventStreams.Kind.ENDPOINT);
            return;
        }
        offer(aggregate, EventStreams.Kind.ENDPOINT);
    }

    /** Called by the event loops' flushes. */
    private void offerUsage(UsageAggregate aggregate) {
        if (!offer(aggregate, EventStreams.Kind.USAGE)) {
            droppedRequests.add(aggregate.requests());
        }
    }

    private boolean offer(Object event, EventStreams.Kind kind) {
        int size = queue.offer(event);
        if (size < 0) {
            metrics.dropped(kind);
            return false;
        }
        metrics.queued(kind);
        if (size == settings.batchSize()) {
            LockSupport.unpark(shipper); // a full batch need not wait for the next tick
        }
        return true;
    }

    public long queued(EventStreams.Kind kind) {
        return metrics.queuedCount(kind);
    }

    public long shipped(EventStreams.Kind kind) {
        return metrics.shippedCount(kind);
    }

    public long dropped(EventStreams.Kind kind) {
        return metrics.droppedCount(kind);
    }

    public int spoolSize() {
        return spool.size();
    }

    /** Requests counted into aggregates that were handed to the queue, and those lost because it was full. */
    public long aggregatedRequests() {
        return usage.flushedRequests();
    }

    public long droppedRequests() {
        return droppedRequests.sum();
    }

    private void run() {
        long tick = settings.flushInterval().toNanos();
        while (running) {
            drainQueueIntoSpool();
            boolean shippedFull = shipOnce();
            if (!shippedFull && running) {
                LockSupport.parkNanos(this, tick);
            }
        }
        // Closing: one last attempt so a clean shutdown loses nothing Redis can take.
        drainQueueIntoSpool();
        nextAttemptNanos = 0;
        while (!spool.isEmpty() && shipOnce()) {
            drainQueueIntoSpool();
        }
    }

    private void drainQueueIntoSpool() {
        while (spool.hasRoom()) {
            Object event = queue.poll();
            if (event == null) {
                return;
            }
            boolean isUsage = event instanceof UsageAggregate;
            boolean isEndpoint = event instanceof EndpointAggregate;
            EventStreams.Kind kind = isUsage ? EventStreams.Kind.USAGE : isEndpoint ? EventStreams.Kind.ENDPOINT : EventStreams.Kind.SECURITY;
            String version = isUsage ? EventStreams.AGGREGATE_VERSION : isEndpoint ? EventStreams.ENDPOINT_VERSION
                    : EventStreams.SCHEMA_VERSION;
            try {
                spool.add(new Spool.Entry(kind, version, idPrefix + Long.toString(sequence++, 36), json.writeValueAsString(event)));
            } catch (JsonProcessingException e) {
                metrics.dropped(kind);
                if (isUsage) {
                    droppedRequests.add(((UsageAggregate) event).requests());
                }
                LOG.warn("event not serialisable, dropped: {}", e.getOriginalMessage());
            }
        }
    }

    /** Sends one batch when it is time; true when a full batch went out and more may be waiting. */
    private boolean shipOnce() {
        if (spool.isEmpty() || System.nanoTime() < nextAttemptNanos) {
            return false;
        }
        List<Spool.Entry> batch = new ArrayList<>(Math.min(settings.batchSize(), spool.size()));
        spool.takeBatch(settings.batchSize(), batch);
        List<Spool.Entry> failed;
        try {
            failed = writer.write(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = batch;
        } catch (RuntimeException e) {
            LOG.warn("event shipping failed: {}", e.getMessage());
            failed = batch;
        }
        countShipped(batch, failed);
        if (failed.isEmpty()) {
            backoffNanos = 0;
            return batch.size() == settings.batchSize();
        }
        spool.returnToFront(failed);
        backoffNanos = backoffNanos == 0 ? FIRST_BACKOFF_NANOS : Math.min(backoffNanos * 2, settings.maxRetryBackoff().toNanos());
        nextAttemptNanos = System.nanoTime() + backoffNanos;
        if (failed.size() == batch.size()) {
            LOG.debug("redis unavailable for events, {} spooled, retrying in {} ms", spool.size(), backoffNanos / 1_000_000);
        }
        return false;
    }

    private void countShipped(List<Spool.Entry> batch, List<Spool.Entry> failed) {
        long[] shipped = new long[EventStreams.Kind.values().length];
        for (Spool.Entry entry : batch) {
            shipped[entry.kind().ordinal()]++;
        }
        for (Spool.Entry entry : failed) {
            shipped[entry.kind().ordinal()]--;
        }
        for (EventStreams.Kind kind : EventStreams.Kind.values()) {
            metrics.shipped(kind, shipped[kind.ordinal()]);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * Flushes every event loop's usage, then stops the shipper after a last delivery attempt and closes
     * the Redis connection. Call it after traffic has stopped, from a thread that is not an event loop.
     */
    @Override
    public void close() {
        usage.close();
        running = false;
        LockSupport.unpark(shipper);
        try {
            shipper.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }
}
