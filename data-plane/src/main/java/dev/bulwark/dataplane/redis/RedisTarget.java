package dev.bulwark.dataplane.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Where the gateway's Redis is: one server, or the seed nodes of a Redis Cluster. A cluster client
 * needs only a few reachable nodes to discover the rest; listing every primary makes start-up
 * survive any single node being down.
 *
 * @param urls    {@code redis://} or {@code rediss://} URLs, at least one
 * @param cluster speak the Redis Cluster protocol (slot routing, MOVED/ASK, failover) to them
 * @param tls     CA and client certificate for {@code rediss://} URLs
 */
public record RedisTarget(List<String> urls, boolean cluster, RedisTls tls) {

    public RedisTarget(List<String> urls, boolean cluster) {
        this(urls, cluster, RedisTls.DEFAULT);
    }

    public RedisTarget {
        urls = List.copyOf(urls);
        tls = tls == null ? RedisTls.DEFAULT : tls;
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one Redis URL is needed");
        }
        if (!cluster && urls.size() > 1) {
            throw new IllegalArgumentException("several Redis URLs name a cluster's seed nodes: enable cluster mode");
        }
    }

    /** One server. */
    public static RedisTarget single(String url) {
        return new RedisTarget(List.of(url), false);
    }

    /** A comma-separated list of URLs, as {@code BULWARK_REDIS_URL} holds it. */
    public static RedisTarget parse(String commaSeparated, boolean cluster) {
        return parse(commaSeparated, cluster, RedisTls.DEFAULT);
    }

    public static RedisTarget parse(String commaSeparated, boolean cluster, RedisTls tls) {
        return new RedisTarget(Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(url -> !url.isEmpty()).toList(), cluster, tls);
    }

    /** The URLs as Lettuce URIs, each with the given command timeout. */
    public List<RedisURI> uris(Duration timeout) {
        return urls.stream().map(url -> {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(timeout);
            return uri;
        }).toList();
    }

    @Override
    public String toString() {
        // Passwords in URLs never reach a log line.
        return (cluster ? "cluster" : "single") + urls.stream().map(url -> url.replaceAll("//[^@/]*@", "//***@")).toList();
    }
}
