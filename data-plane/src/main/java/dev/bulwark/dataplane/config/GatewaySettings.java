package dev.bulwark.dataplane.config;

import dev.bulwark.dataplane.redis.RedisTarget;
import dev.bulwark.dataplane.redis.RedisTls;
import dev.bulwark.dataplane.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Every gateway setting, typed, each with a default and an environment variable.
 * Built once at start-up by {@link SettingsLoader}; immutable afterwards.
 *
 * @param redisUrl     one {@code redis://}/{@code rediss://} URL, or a Redis Cluster's seed nodes, comma-separated
 * @param redisCluster talk to Redis Cluster (slot routing, failover) instead of one server
 * @param redisTls     CA and optional client certificate for rediss:// URLs
 * @param apiKeyPepper secret shared with the control plane for API-key digests (>= 32 bytes)
 * @param snapshotFile JSON snapshot to serve from; null means start with no APIs published
 * @param transport    socket I/O of the event loops: epoll, io_uring or NIO ({@link NetworkTransport})
 * @param http2        accept HTTP/2: ALPN with TLS, h2c upgrade and prior knowledge without
 * @param snapshotPollInterval how often the snapshot file's modification time is checked
 * @param sync         control-plane connection and last-known-good file (secrets redacted in its toString)
 * @param edge         slow-client, connection and HTTP/2 flood limits of the traffic port
 * @param publicUrl    where callers reach this gateway ({@code BULWARK_GW_PUBLIC_URL}; by default its own
 *                     host and port), told to the control plane so the console shows it; null when unknown
 * @param introspection client secrets of token introspection, each bound to one origin ({@link IntrospectionSecrets})
 */
public record GatewaySettings(
        String host,
        int port,
        int statusPort,
        String redisUrl,
        boolean redisCluster,
        RedisTls redisTls,
        String redisKeyPrefix,
        Path snapshotFile,
        int eventLoops,
        NetworkTransport transport,
        byte[] apiKeyPepper,
        String environment,
        Duration shutdownGrace,
        String gatewayId,
        boolean http2,
        TlsSettings tls,
        UpstreamSettings upstream,
        Duration snapshotPollInterval,
        SyncSettings sync,
        EdgeSettings edge,
        String publicUrl,
        IntrospectionSecrets introspection) {

    public GatewaySettings {
        apiKeyPepper = apiKeyPepper.clone();
    }

    @Override
    public byte[] apiKeyPepper() {
        return apiKeyPepper.clone();
    }

    /** Where rate limits, quotas and event streams live. */
    public RedisTarget redisTarget() {
        return RedisTarget.parse(redisUrl, redisCluster, redisTls);
    }

    public static GatewaySettings fromEnvironment() {
        return SettingsLoader.load(System.getenv());
    }

    public static GatewaySettings from(Map<String, String> env) {
        return SettingsLoader.load(env);
    }

    static byte[] decodePepper(String text) {
        byte[] pepper = Base64.getDecoder().decode(text.trim());
        if (pepper.length < 32) {
            throw new IllegalArgumentException("must decode to at least 32 bytes, got " + pepper.length);
        }
        return pepper;
    }

    @Override
    public String toString() {
        // The pepper is a secret: never let it reach a log line through toString().
        return "GatewaySettings[host=" + host + ", port=" + port + ", statusPort=" + statusPort + ", redisUrl="
                + redactUrl(redisUrl) + ", redisCluster=" + redisCluster + ", snapshotFile=" + snapshotFile + ", eventLoops=" + eventLoops
                + ", environment=" + environment + ", gatewayId=" + gatewayId + ", http2=" + http2 + ", tls=" + tls.enabled()
                + ", clientAuth=" + tls.clientAuth() + ", upstream=" + upstream + ", sync=" + sync + ", edge=" + edge + ", introspection=" + introspection + "]";
    }

    static String redactUrl(String url) {
        return url == null ? null : url.replaceAll("//[^@/]*@", "//***@");
    }
}
