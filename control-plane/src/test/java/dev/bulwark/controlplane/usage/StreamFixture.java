package dev.bulwark.controlplane.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.contracts.event.UsageEvent;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes entries exactly as the gateway's sink does (same wire format), for ingestion tests. */
public final class StreamFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;

    public StreamFixture(String uri, String prefix) {
        this(uri, prefix, null);
    }

    /** To a rediss:// server: {@code ssl} carries the CA and the client certificate it asks for. */
    public StreamFixture(String uri, String prefix, SslOptions ssl) {
        this.client = RedisClient.create(uri);
        if (ssl != null) {
            client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
        }
        this.connection = client.connect();
        this.prefix = prefix;
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    public String key(EventStreams.Kind kind) {
        return kind.streamKey(prefix);
    }

    public void add(EventStreams.Kind kind, String deliveryId, Object event) {
        try {
            redis().xadd(key(kind), Map.of(EventStreams.FIELD_ID, deliveryId, EventStreams.FIELD_VERSION,
                    EventStreams.SCHEMA_VERSION, EventStreams.FIELD_EVENT, JSON.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A usage aggregate as the gateway writes it (version 2). */
    public void addAggregate(String deliveryId, UsageAggregate aggregate) {
        try {
            redis().xadd(key(EventStreams.Kind.USAGE), Map.of(EventStreams.FIELD_ID, deliveryId, EventStreams.FIELD_VERSION,
                    EventStreams.AGGREGATE_VERSION, EventStreams.FIELD_EVENT, JSON.writeValueAsString(aggregate)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An endpoint aggregate as the gateway writes it (version 3, endpoint stream). */
    public void addEndpoint(String deliveryId, dev.bulwark.contracts.event.EndpointAggregate aggregate) {
        try {
            redis().xadd(key(EventStreams.Kind.ENDPOINT), Map.of(EventStreams.FIELD_ID, deliveryId, EventStreams.FIELD_VERSION,
                    EventStreams.ENDPOINT_VERSION, EventStreams.FIELD_EVENT, JSON.writeValueAsString(aggregate)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void addRaw(EventStreams.Kind kind, Map<String, String> fields) {
        redis().xadd(key(kind), fields);
    }

    /** Waits until {@code group} has read and acknowledged every entry of the stream written so far. */
    public void awaitDrained(EventStreams.Kind kind, String group, java.time.Duration atMost) {
        String key = key(kind);
        String last = redis().xrevrange(key, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(1)).get(0).getId();
        org.awaitility.Awaitility.await().atMost(atMost).until(() -> {
            for (Object entry : redis().xinfoGroups(key)) {
                List<?> fields = (List<?>) entry;
                Map<String, String> info = new java.util.HashMap<>();
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    info.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
                }
                if (group.equals(info.get("name"))) {
                    return "0".equals(info.get("pending")) && last.equals(info.get("last-delivered-id"));
                }
            }
            return false;
        });
    }

    public long pending(EventStreams.Kind kind, String group) {
        return redis().xpending(key(kind), group).getCount();
    }

    public static UsageEvent usage(UUID tenant, String apiId, String appId, Instant at, int status, long latencyMicros) {
        return new UsageEvent(UUID.randomUUID().toString(), at, "production", tenant.toString(), apiId, appId, "key-1",
                "getPet", "GET", status, latencyMicros, latencyMicros / 2, 100, 1_000);
    }

    /** One aggregate of {@code latencies.length} requests in {@code minute}, 100 bytes in and 1000 out each, last at +30 s. */
    public static UsageAggregate aggregate(UUID tenant, String apiId, String appId, String keyId, Instant minute, int statusClass,
                                           long... latencies) {
        long[] buckets = new long[LatencyBuckets.COUNT];
        long sum = 0;
        for (long latency : latencies) {
            buckets[LatencyBuckets.bucketOf(latency)]++;
            sum += latency;
        }
        return new UsageAggregate(minute, minute.plusSeconds(30), tenant.toString(), apiId, appId, keyId, statusClass,
                latencies.length, 100L * latencies.length, 1_000L * latencies.length, sum, buckets);
    }

    public static SecurityEvent security(UUID tenant, SecurityEventType type, String apiId, String appId, String ip, Instant at) {
        return new SecurityEvent(UUID.randomUUID().toString(), at, "production", type, "API_KEY_INVALID", tenant.toString(),
                apiId, appId, ip, "GET", "/pets/1", "lookup id not found");
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
