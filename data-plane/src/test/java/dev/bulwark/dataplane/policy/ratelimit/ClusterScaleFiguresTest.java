package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.testing.LocalRedisCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scale figures of docs/scaling.md: N = 1, 2 and 4 gateways (each its own Vert.x and cluster
 * connection) sharing one limit on one six-node Redis Cluster. Counts, not rates, so the figures mean
 * the same on a busy machine: requests admitted against the limit, and the commands the primaries
 * executed per request (from {@code INFO commandstats}, reset before each run; topology and health
 * commands left out).
 */
class ClusterScaleFiguresTest {
    private static final int CLIENTS = 16;
    /** Commands of the client's own housekeeping, not of decisions. */
    private static final Set<String> HOUSEKEEPING = Set.of("info", "cluster", "ping", "client", "hello", "command", "readonly",
            "config", "role", "wait", "replconf", "psync", "sync");

    @RegisterExtension
    static final ClusterGateways GATEWAYS = new ClusterGateways("s");

    private static LocalRedisCluster cluster() {
        return GATEWAYS.cluster();
    }

    @Test
    void exactLimitAndRedisCommandsPerRequestForOneTwoAndFourGateways() throws Exception {
        // Below the leasing threshold every admission is one script on Redis: the limit is exact.
        long exact = 100;
        // Above it a decision leases capacity/100 tokens to the gateway that asked: fewer round trips, and a
        // window may admit up to (lease - 1) fewer per gateway, never more.
        long leased = RedisWindowLimiter.LEASE_MIN_CAPACITY;
        long lease = RedisWindowLimiter.leaseSize(leased);
        for (int gateways : new int[] {1, 2, 4}) {
            Run small = run(gateways, exact, (int) exact * 3);
            assertThat(small.admitted()).as("N=%d, limit %d: %s", gateways, exact, small).isEqualTo(exact);
            assertThat(small.statuses()).containsOnlyKeys(200, 429);

            Run large = run(gateways, leased, (int) (leased * 3 / 2));
            assertThat(large.admitted()).as("N=%d, limit %d: %s", gateways, leased, large)
                    .isLessThanOrEqualTo(leased).isGreaterThanOrEqualTo(leased - gateways * (lease - 1));
            assertThat(large.commandsPerAdmitted()).as("leasing saves round trips: %s", large).isLessThan(small.commandsPerAdmitted());
            System.out.printf("scale figures N=%d: limit %d -> %s; limit %d (lease %d) -> %s%n", gateways, exact, small, leased, lease, large);
        }
    }

    /** Figures of one run: admitted and refused requests, and the primaries' decision commands. */
    record Run(long admitted, Map<Integer, AtomicInteger> statuses, Map<String, Long> byCommand, int requests) {
        long commands() {
            return byCommand.values().stream().mapToLong(Long::longValue).sum();
        }

        double commandsPerRequest() {
            return (double) commands() / requests;
        }

        double commandsPerAdmitted() {
            return (double) commands() / Math.max(1, admitted);
        }

        @Override
        public String toString() {
            return String.format("%d requests, %d admitted, statuses %s, %d commands %s (%.3f per request, %.3f per admitted)",
                    requests, admitted, statuses, commands(), byCommand, commandsPerRequest(), commandsPerAdmitted());
        }
    }

    private Run run(int gateways, long limit, int requests) throws Exception {
        RateLimitConfig config = new RateLimitConfig(limit, 86_400, 0L, LimitKey.HEADER, "X-Caller",
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 5_000, false);
        int[] ports = new int[gateways];
        for (int i = 0; i < gateways; i++) {
            ports[i] = GATEWAYS.rateLimited(config);
        }
        List<Integer> primaries = cluster().ports().stream()
                .filter(port -> cluster().withNode(port, redis -> redis.role().getFirst().equals("master"))).toList();
        primaries.forEach(port -> cluster().withNode(port, redis -> redis.configResetstat()));
        String caller = "scale-" + gateways + "-" + limit;
        Map<Integer, AtomicInteger> statuses = ClusterGateways.fire(CLIENTS, ports, requests, i -> caller);
        Map<String, Long> byCommand = new java.util.TreeMap<>();
        for (int port : primaries) {
            cluster().withNode(port, redis -> decisionCommands(redis.info("commandstats")))
                    .forEach((command, calls) -> byCommand.merge(command, calls, Long::sum));
        }
        GATEWAYS.closeGateways();
        return new Run(statuses.getOrDefault(200, new AtomicInteger()).get(), statuses, byCommand, requests);
    }

    /** Calls per command but the client's and replication's housekeeping ({@code cmdstat_<name>:calls=N,...}). */
    static Map<String, Long> decisionCommands(String commandstats) {
        Map<String, Long> calls = new java.util.TreeMap<>();
        for (String line : commandstats.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            String base = name.contains("|") ? name.substring(0, name.indexOf('|')) : name;
            if (HOUSEKEEPING.contains(base)) {
                continue;
            }
            int at = line.indexOf("calls=") + "calls=".length();
            calls.merge(name, Long.parseLong(line.substring(at, line.indexOf(',', at))), Long::sum);
        }
        return calls;
    }

}
