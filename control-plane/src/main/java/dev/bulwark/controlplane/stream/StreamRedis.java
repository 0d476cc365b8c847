package dev.bulwark.controlplane.stream;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The Redis that carries the gateways' event streams, as the control plane reaches it
 * ({@code bulwark.redis.url}, {@code .cluster}, {@code .tls.*}): one server or a Redis Cluster's
 * seed nodes, in plain text or over TLS whose peer and host name are always verified. Checked once,
 * at start-up, so a misconfigured replica fails there instead of retrying a doomed connection.
 */
@Singleton
public final class StreamRedis {
    private final List<String> urls;
    private final boolean cluster;
    private final RedisTlsSettings tls;

    StreamRedis(@Value("${bulwark.redis.url}") String url, @Value("${bulwark.redis.cluster:false}") boolean cluster,
                RedisTlsSettings tls) {
        this.urls = Arrays.stream(url.split(",")).map(String::trim).filter(each -> !each.isEmpty()).toList();
        this.cluster = cluster;
        this.tls = tls;
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("bulwark.redis.url (BULWARK_REDIS_URL) names no Redis");
        }
        if (!cluster && urls.size() > 1) {
            throw new IllegalArgumentException("bulwark.redis.url (BULWARK_REDIS_URL) lists several servers: they are a"
                    + " cluster's seed nodes, set bulwark.redis.cluster (BULWARK_REDIS_CLUSTER) to true");
        }
        for (String each : urls) {
            check(parse(each));
        }
    }

    /** For tests and tools that build the consumer outside the application context. */
    public static StreamRedis of(String url, boolean cluster, RedisTlsSettings tls) {
        return new StreamRedis(url, cluster, tls);
    }

    /** The seed URIs, each with the given command timeout. */
    List<RedisURI> uris(Duration timeout) {
        return urls.stream().map(url -> {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(timeout);
            return uri;
        }).toList();
    }

    /** A plain client for one server, a cluster client for the seed nodes; TLS files applied to either. */
    AbstractRedisClient createClient(List<RedisURI> uris) {
        if (cluster) {
            RedisClusterClient client = RedisClusterClient.create(uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder();
            tls.sslOptions().ifPresent(options::sslOptions);
            client.setOptions(options.build());
            return client;
        }
        RedisClient client = RedisClient.create();
        ClientOptions.Builder options = ClientOptions.builder();
        tls.sslOptions().ifPresent(options::sslOptions);
        client.setOptions(options.build());
        return client;
    }

    /** Connects, blocking the calling thread (a consumer's own thread, never an event loop). */
    StatefulConnection<String, String> connect(AbstractRedisClient client, List<RedisURI> uris) {
        if (client instanceof RedisClusterClient clusterClient) {
            return clusterClient.connect(StringCodec.UTF8);
        }
        return ((RedisClient) client).connect(StringCodec.UTF8, uris.getFirst());
    }

    private static RedisURI parse(String url) {
        try {
            return RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            // Lettuce's reason, not the URL: it may hold a password.
            throw new IllegalArgumentException("bulwark.redis.url (BULWARK_REDIS_URL): not a Redis URL: " + e.getMessage());
        }
    }

    private void check(RedisURI uri) {
        if (tls.configured() && !uri.isSsl()) {
            throw new IllegalArgumentException("bulwark.redis.tls.* (BULWARK_REDIS_TLS_CA_FILE, BULWARK_REDIS_TLS_CERT_FILE)"
                    + " need rediss:// URLs in bulwark.redis.url (BULWARK_REDIS_URL)");
        }
        // Encryption to an unverified peer only hides the traffic from those who are not in the middle.
        if (uri.isSsl() && uri.getVerifyMode() != SslVerifyMode.FULL) {
            throw new IllegalArgumentException("bulwark.redis.url (BULWARK_REDIS_URL): rediss:// URLs must verify the"
                    + " server's certificate and host name; remove verifyPeer from the URL");
        }
    }

    @Override
    public String toString() {
        // Passwords in URLs never reach a log line.
        return (cluster ? "cluster" : "single") + (tls.configured() ? "+tls-files" : "")
                + urls.stream().map(url -> url.replaceAll("//[^@/]*@", "//***@")).toList();
    }
}
