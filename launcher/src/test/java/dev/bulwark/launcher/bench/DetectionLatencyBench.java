package dev.bulwark.launcher.bench;


import dev.bulwark.launcher.e2e.ConsoleApi;
import dev.bulwark.launcher.e2e.PlatformProcesses;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.launcher.e2e.TestUpstream;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Detection-latency benchmark (run by launcher/bench/detection-bench.sh, not a test): control plane
 * and one data plane as processes on the local PostgreSQL and Redis. First a benign replay (valid
 * calls from many addresses, each with a couple of mistyped keys) that must open no incident; then
 * rounds of credential stuffing, each from its own address (X-Forwarded-For through a trusted
 * loopback proxy), timed from the first attack request to the incident listed open by the API
 * (polled every 20 ms).
 *
 * <p>Arguments: [rounds=30] [benignAddresses=50].
 */
public final class DetectionLatencyBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String OPENAPI = """
            openapi: 3.0.3
            info: {title: Bench, version: 1.0.0}
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': {description: the items}
            """;

    private DetectionLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int benignAddresses = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path home = Files.createTempDirectory("bulwark-detection-bench");
        try (TestDatabase database = RealServices.newDatabase();
             TestRedis redis = RealServices.newRedisPrefix();
             TestUpstream upstream = TestUpstream.start();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            String unique = Long.toString(System.nanoTime(), 36);
            platform.startControlPlane("production");
            ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "det-" + unique, "bench+" + unique + "@example.com",
                    "det-" + unique + "-Correct-Horse-7");
            DataPlane gateway = platform.addDataPlane("gw-1");
            platform.startDataPlane(gateway);
            // The load generator is the trusted proxy: each simulated client is its X-Forwarded-For address.
            String apiId = console.publishApi("Bench", OPENAPI, "/bench", upstream.url(), ConsoleApi.JSON.readTree("""
                    {"policies": [{"type": "api-key"},
                      {"type": "ip-filter", "deny": ["192.0.2.255/32"], "trustedProxies": ["127.0.0.0/8"]}]}"""));
            String planId = console.autoApprovedPlan(apiId, "Bench", List.of());
            String developerId = console.developer("dev+" + unique + "@example.com", "Bench Developer");
            String applicationId = console.subscribedApplication(developerId, planId, "Bench");
            String key = console.productionKey(applicationId, "bench").key();
            platform.awaitReady(gateway);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (call(gateway, key, "10.0.0.1") != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the key never reached the gateway");
                }
                Thread.sleep(50); // a benchmark script, not a test: plain polling
            }
            System.out.printf("machine: %d cores, JDK %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());

            // Benign replay: ordinary calls and the odd mistyped key, from many addresses.
            int benignCalls = 0;
            for (int a = 0; a < benignAddresses; a++) {
                String address = "10.1." + (a / 250) + "." + (a % 250 + 1);
                for (int i = 0; i < 10; i++) {
                    call(gateway, key, address);
                    benignCalls++;
                }
                for (int i = 0; i < 2; i++) {
                    call(gateway, "bwk_live_typo" + a + "x" + i, address);
                    benignCalls++;
                }
            }
            Thread.sleep(5_000); // well past the detectors' batch interval: anything they would open is open by now
            List<String> falseIncidents = console.get("/api/v1/incidents").path("items").findValuesAsText("detector");
            System.out.printf("benign replay: %d calls from %d addresses -> %d incidents %s%n", benignCalls, benignAddresses,
                    falseIncidents.size(), falseIncidents);

            List<Long> samples = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String attacker = "198.18." + (round / 250) + "." + (round % 250 + 1);
                long start = System.nanoTime();
                for (int i = 0; i < 25; i++) {
                    call(gateway, "bwk_live_guess" + round + "x" + i, attacker);
                }
                while (!open(console, attacker)) {
                    if (System.nanoTime() - start > Duration.ofSeconds(60).toNanos()) {
                        throw new IllegalStateException("no incident for " + attacker + " within 60 s");
                    }
                    Thread.sleep(20);
                }
                samples.add((System.nanoTime() - start) / 1_000_000);
            }
            Collections.sort(samples);
            System.out.printf("first attack request -> open incident (n=%d): p50 %d ms, p99 %d ms, max %d ms%n", samples.size(),
                    percentile(samples, 50), percentile(samples, 99), samples.getLast());
            System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static int call(DataPlane gateway, String key, String forwardedFor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/bench/items")).timeout(Duration.ofSeconds(5))
                .header("X-API-Key", key).header("X-Forwarded-For", forwardedFor).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean open(ConsoleApi console, String subject) {
        return console.get("/api/v1/incidents?status=open&detector=credential-stuffing").path("items")
                .findValuesAsText("subject").contains(subject);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
