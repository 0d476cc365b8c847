package dev.bulwark.launcher.bench;

import static dev.bulwark.launcher.e2e.ConsoleApi.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.launcher.e2e.ConsoleApi;
import dev.bulwark.launcher.e2e.GatewayCall;
import dev.bulwark.launcher.e2e.PlatformProcesses;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.launcher.e2e.Propagation;
import dev.bulwark.launcher.e2e.TestUpstream;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Propagation benchmark (run by launcher/bench/propagation-bench.sh, not a test): control plane and
 * three data planes as processes on the local PostgreSQL and Redis (test-fixtures: own database, own
 * key prefix). Measures, per data plane, the time from a key-revocation API call returning to the
 * first 401 through that data plane (polled every 5 ms), then gateway latency for in-flight traffic
 * while a snapshot grown by 100,000 keys (seeded through SQL, real HMAC digests) is compiled, pushed
 * and applied, and finally revocations again with those keys in every snapshot.
 *
 * <p>Arguments: [revocations=50] [seededKeys=100000] [revocationsAfterSeeding=20].
 */
public final class PropagationBench {
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

    private PropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        int revocations = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seeded = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int laterRevocations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path home = Files.createTempDirectory("bulwark-propagation-bench");
        try (TestDatabase database = RealServices.newDatabase();
             TestRedis redis = RealServices.newRedisPrefix();
             TestUpstream upstream = TestUpstream.start();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            String unique = Long.toString(System.nanoTime(), 36);
            String owner = "bench+" + unique + "@example.com";
            platform.startControlPlane("production");
            ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "bench-" + unique, owner, "bench-" + unique + "-Correct-Horse-7");
            List<DataPlane> gateways = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                gateways.add(platform.addDataPlane("gw-" + i));
            }
            gateways.forEach(platform::startDataPlane);

            String apiId = console.publishApi("Bench", OPENAPI, "/bench", upstream.url(), ConsoleApi.JSON.readTree("{\"policies\":[{\"type\":\"api-key\"}]}"));
            String planId = console.autoApprovedPlan(apiId, "Bench", List.of());
            gateways.forEach(platform::awaitReady);
            String developerId = console.developer("dev+" + unique + "@example.com", "Bench Developer");
            String applicationId = console.subscribedApplication(developerId, planId, "Bench");

            System.out.printf("machine: %d cores, %s, JDK %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"), loadAverage());
            report("revocation → first 401, small snapshot", revoke(console, gateways, applicationId, revocations));

            String steadyKey = issue(console, applicationId, "steady");
            awaitServed(gateways, steadyKey);
            LatencyRecorder baseline = LatencyRecorder.during(gateways, steadyKey, () -> pause(Duration.ofSeconds(5)));
            System.out.println("gateway latency, idle control plane: " + baseline.summary());
            long before = snapshotVersion(gateways.get(0));
            long[] seedMillis = new long[1];
            LatencyRecorder duringApply = LatencyRecorder.during(gateways, steadyKey, () -> {
                long start = System.nanoTime();
                seed(database, console, applicationId, platform.pepper(), seeded);
                // Any write asks for a publish; the snapshot now carries every seeded key.
                console.update("PATCH", "/api/v1/tenant-settings", "/api/v1/tenant-settings", object(Map.of()));
                for (DataPlane gateway : gateways) {
                    while (snapshotVersion(gateway) <= before) {
                        pause(Duration.ofMillis(20));
                    }
                }
                seedMillis[0] = (System.nanoTime() - start) / 1_000_000;
                return null;
            });
            System.out.printf("%d keys seeded, published and applied by all 3 data planes in %d ms%n", seeded, seedMillis[0]);
            System.out.println("gateway latency while the " + seeded + "-key snapshot is applied: " + duringApply.summary());
            report("revocation → first 401, snapshot with " + seeded + " more keys", revoke(console, gateways, applicationId, laterRevocations));
            // The box is shared: the load says how much of it the benchmark really had.
            System.out.println("load average at the end: " + loadAverage());
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<Long> revoke(ConsoleApi console, List<DataPlane> gateways, String applicationId, int count) throws Exception {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode key = console.post("/api/v1/applications/" + applicationId + "/keys", object(Map.of("label", "revoked " + i,
                    "scopes", List.of(), "environment", "production")), 201);
            String text = key.path("key").asText();
            if (!served(gateways, text)) {
                System.out.printf("revocation %d skipped: its key did not reach every data plane within 60 s%n", i);
                continue;
            }
            console.delete("/api/v1/keys/" + key.path("id").asText(), 204);
            long revoked = System.nanoTime();
            Map<String, Long> millis = Propagation.measure(gateways, revoked, url -> GatewayCall.get(url, "/bench/items", text),
                    call -> call.status() == 401, Duration.ofSeconds(30));
            samples.addAll(millis.values());
        }
        return samples;
    }

    private static String issue(ConsoleApi console, String applicationId, String label) {
        return console.post("/api/v1/applications/" + applicationId + "/keys", object(Map.of("label", label, "scopes", List.of(),
                "environment", "production")), 201).path("key").asText();
    }

    private static void awaitServed(List<DataPlane> gateways, String key) throws Exception {
        if (!served(gateways, key)) {
            throw new IllegalStateException("a key never reached every data plane");
        }
    }

    /** Whether a new key is served by every data plane within 60 s; prints the arrival times. */
    private static boolean served(List<DataPlane> gateways, String key) throws Exception {
        Map<String, Long> arrival = Propagation.measure(gateways, System.nanoTime(), url -> GatewayCall.get(url, "/bench/items", key),
                call -> call.status() == 200, Duration.ofSeconds(60));
        if (arrival.containsValue(-1L)) {
            System.out.println("new key arrival (ms, -1 = not within 60 s): " + arrival);
            return false;
        }
        return true;
    }

    /** Inserts keys straight into the catalog's table, each with its real HMAC digest under the platform's pepper. */
    private static void seed(TestDatabase database, ConsoleApi console, String applicationId, String pepper, int count) {
        String tenantId = console.get("/api/v1/me").path("tenant").path("id").asText();
        ApiKeyDigester digester = new ApiKeyDigester(Base64.getDecoder().decode(pepper));
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO api_key (id, tenant_id, application_id, lookup_id, "
                     + "digest, label, scopes, environment) VALUES (?, ?, ?, ?, ?, 'seeded', '[]'::jsonb, 'production')")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String key = ApiKeys.generate(KeyEnvironment.LIVE);
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.fromString(tenantId));
                insert.setObject(3, UUID.fromString(applicationId));
                insert.setString(4, ApiKeys.lookupId(key));
                insert.setString(5, digester.digest(key));
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("seeding keys failed: " + e.getMessage(), e);
        }
    }

    private static long snapshotVersion(DataPlane gateway) {
        GatewayCall ready = GatewayCall.get(gateway.readyUrl().replace("/health/ready", ""), "/health/ready", null);
        try {
            return ConsoleApi.JSON.readTree(ready.body()).path("snapshotVersion").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void report(String what, List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("%s: no sample%n", what);
            return;
        }
        long missing = sorted.stream().filter(v -> v < 0).count();
        System.out.printf("%s: n=%d p50=%d ms p99=%d ms max=%d ms%s%n", what, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 99), sorted.get(sorted.size() - 1), missing > 0 ? " (" + missing + " never refused!)" : "");
    }

    static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Closed-loop traffic (one caller per data plane) recording each call's latency while {@code work} runs. */
    private record LatencyRecorder(List<Long> micros, long failures) {
        static LatencyRecorder during(List<DataPlane> gateways, String key, Supplier<Void> work) throws Exception {
            List<Long> micros = Collections.synchronizedList(new ArrayList<>());
            long[] failures = new long[1];
            AtomicBoolean running = new AtomicBoolean(true);
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (DataPlane gateway : gateways) {
                    callers.submit(() -> {
                        while (running.get()) {
                            long start = System.nanoTime();
                            GatewayCall call = GatewayCall.get(gateway.url(), "/bench/items", key);
                            micros.add((System.nanoTime() - start) / 1_000);
                            if (call.status() != 200) {
                                synchronized (failures) {
                                    failures[0]++;
                                }
                            }
                        }
                    });
                }
                try {
                    work.get();
                } finally {
                    running.set(false);
                }
            }
            return new LatencyRecorder(micros, failures[0]);
        }

        String summary() {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            return String.format("n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms, non-200=%d", sorted.size(), percentile(sorted, 50) / 1000.0,
                    percentile(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, failures);
        }
    }
}
