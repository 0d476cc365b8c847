package dev.bulwark.controlplane;

import dev.bulwark.controlplane.usage.StreamFixture;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestRedis;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of tests fed by the gateways' event streams: a Redis key prefix of their own, a writer of
 * stream entries exactly as gateways write them, and one of the application's stream consumers
 * running: the incident detectors unless {@link #consumerProperties()} names another.
 */
public abstract class RealStreamsTest extends RealDatabaseTest {
    protected TestRedis redis;
    protected StreamFixture streams;

    @Override
    public Map<String, String> getProperties() {
        redis = RealServices.newRedisPrefix();
        streams = new StreamFixture(redis.uri(), redis.keyPrefix());
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.redis.url", redis.uri());
        properties.put("bulwark.redis.key-prefix", redis.keyPrefix());
        properties.putAll(consumerProperties());
        return properties;
    }

    /** The settings that start the consumer under test, with a short blocking read. */
    protected Map<String, String> consumerProperties() {
        return Map.of("bulwark.incidents.detection-enabled", "true", "bulwark.incidents.block", "200ms");
    }

    @AfterAll
    void closeStreams() {
        streams.close();
        redis.close();
    }
}
