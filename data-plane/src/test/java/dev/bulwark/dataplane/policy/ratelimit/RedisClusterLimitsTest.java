package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.QuotaPeriod;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.dataplane.policy.HttpProbe;
import dev.bulwark.testing.LocalRedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits and quotas on a real Redis Cluster (six local redis-server processes): the same
 * exactness as on one server, keys spread over the primaries by their hash tags, and a primary
 * killed mid-traffic replaced by its replica without losing replicated counts.
 */
class RedisClusterLimitsTest {
    private static final int CLIENTS = 20;
    private static final int REQUESTS = 300;

    @RegisterExtension
    static final ClusterGateways GATEWAYS = new ClusterGateways("t");

    private static LocalRedisCluster cluster() {
        return GATEWAYS.cluster();
    }

    @Test
    void twoGatewaysOnTheClusterAdmitExactlyTheLimit() throws Exception {
        RateLimitConfig config = new RateLimitConfig(100L, 10, 0L, LimitKey.HEADER, "X-Caller",
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 5_000, true);
        int[] ports = {GATEWAYS.rateLimited(config), GATEWAYS.rateLimited(config)};

        Map<Integer, AtomicInteger> statuses = ClusterGateways.fire(CLIENTS, ports, REQUESTS, i -> "load-test");

        assertThat(statuses.get(200).get()).as(statuses.toString()).isEqualTo(100);
        assertThat(statuses.get(429).get()).as(statuses.toString()).isEqualTo(200);
        assertThat(statuses).containsOnlyKeys(200, 429);
    }

    @Test
    void callersSpreadOverThePrimariesAndEachGetsItsOwnExactLimit() throws Exception {
        RateLimitConfig config = new RateLimitConfig(5L, 10, 0L, LimitKey.HEADER, "X-Caller",
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 5_000, true);
        int[] ports = {GATEWAYS.rateLimited(config), GATEWAYS.rateLimited(config)};
        int callers = 30;

        Map<Integer, AtomicInteger> statuses = ClusterGateways.fire(CLIENTS, ports, callers * 8, i -> "caller-" + (i % callers));

        assertThat(statuses.get(200).get()).as("5 per caller").isEqualTo(callers * 5);
        assertThat(statuses.get(429).get()).isEqualTo(callers * 3);
        List<Integer> holding = cluster().ports().stream()
                .filter(port -> cluster().withNode(port, redis -> redis.role().getFirst().equals("master")))
                .filter(port -> cluster().withNode(port, redis -> !redis.keys(GATEWAYS.prefix + "*").isEmpty())).toList();
        assertThat(holding).as("the {tenant:caller} hash tags spread the counters over every primary").hasSize(3);
    }

    @Test
    void quotaOnTheClusterIsExactAcrossTwoGateways() throws Exception {
        QuotaConfig config = new QuotaConfig(25L, QuotaPeriod.DAY, null, "UTC", FailureMode.CLOSED, 5_000);
        int[] ports = {GATEWAYS.quota(config), GATEWAYS.quota(config)};

        Map<Integer, AtomicInteger> statuses = ClusterGateways.fire(CLIENTS, ports, 60, i -> "quota-caller");

        assertThat(statuses.get(200).get()).isEqualTo(25);
        assertThat(statuses.get(429).get()).isEqualTo(35);
    }

    @Test
    void aPrimaryKilledMidTrafficIsReplacedByItsReplicaAndKeepsTheReplicatedCount() throws Exception {
        // A limit traffic never reaches, below the leasing threshold: every 200 is a decision Redis
        // took (no locally leased tokens), every 503 one it could not take.
        RateLimitConfig config = new RateLimitConfig(RedisWindowLimiter.LEASE_MIN_CAPACITY - 1, 60, 0L, LimitKey.HEADER, "X-Caller",
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 500, false);
        int port = GATEWAYS.rateLimited(config);
        for (int i = 0; i < 50; i++) {
            assertThat(HttpProbe.get(port, "/orders", "X-Caller", "survivor").statusCode()).isEqualTo(200);
        }
        String key = onlyKey();
        int primary = cluster().primaryOf(key);
        // The test makes the 50 increments durable on the replica first: what WAIT guarantees, a failover keeps.
        // WAIT blocks below the client's 2 s command timeout, retried while the replica (re)connects.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> cluster().withNode(primary, redis -> redis.waitForReplication(1, 500)) >= 1L);

        cluster().kill(primary);
        Map<Integer, AtomicInteger> during = new ConcurrentHashMap<>();
        try {
            failOver(port, key, primary, during);
        } finally {
            cluster().restart(primary);
        }
    }

    private void failOver(int port, String key, int primary, Map<Integer, AtomicInteger> during) {
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            int status = HttpProbe.get(port, "/orders", "X-Caller", "survivor").statusCode();
            during.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            return status == 200;
        });
        long recoveredMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("redis cluster: decisions served again %d ms after the primary was killed (%s)%n",
                recoveredMillis, during);
        for (int i = 0; i < 50; i++) {
            assertThat(HttpProbe.get(port, "/orders", "X-Caller", "survivor").statusCode()).isEqualTo(200);
        }

        assertThat(during).as("refused closed (503) while no primary served the slot, never a 4xx").containsOnlyKeys(200, 503);
        int promoted = cluster().primaryOf(key);
        assertThat(promoted).as("the replica took over").isNotEqualTo(primary);
        long count = Long.parseLong(cluster().withNode(promoted, redis -> redis.get(key)));
        // At least every admitted request is counted (nothing replicated was lost); a refused one may
        // count too when its command was already on its way when the deadline cut the request off.
        assertThat(count).as("replicated count kept, counting went on").isBetween(101L, 101L + during.getOrDefault(503, new AtomicInteger()).get());
    }

    private String onlyKey() {
        List<String> keys = new ArrayList<>();
        for (int node : cluster().ports()) {
            cluster().withNode(node, redis -> redis.role().getFirst().equals("master") && keys.addAll(redis.keys(GATEWAYS.prefix + "*")));
        }
        assertThat(keys).hasSize(1);
        return keys.getFirst();
    }

}
