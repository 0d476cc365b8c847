package dev.bulwark.controlplane.bench;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Control-plane admin API latency (a benchmark, run by bench/admin-api-bench.sh, never by the test
 * suite): a fresh database, one tenant with 1,000 APIs and 100,000 keys (seeded in SQL, digests
 * real HMACs under the run's pepper), the packaged jar, then sequential requests after warm-up.
 */
public final class AdminApiBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/bulwark-control-plane.jar");
        int apis = Integer.getInteger("bench.apis", 1_000);
        int keys = Integer.getInteger("bench.keys", 100_000);
        int requests = Integer.getInteger("bench.requests", 2_000);
        int warmup = Integer.getInteger("bench.warmup", 500);
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        try (TestDatabase database = RealServices.newDatabase()) {
            ProcessBuilder builder = new ProcessBuilder("java", "-Xms256m", "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(Files.createTempFile("cp-bench", ".log").toFile());
            builder.environment().put("BULWARK_DB_URL", database.jdbcUrl());
            builder.environment().put("BULWARK_DB_USER", database.username());
            builder.environment().put("BULWARK_DB_PASSWORD", database.password());
            builder.environment().put("BULWARK_CP_PORT", String.valueOf(port));
            builder.environment().put("BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(pepper));
            builder.environment().put("BULWARK_LOG_LEVEL", "WARN");
            Process server = builder.start();
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                awaitReady(http, base);
                String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                String signup = send(http, "POST", base + "/api/v1/signup", null, "{\"tenantName\":\"Bench\",\"tenantSlug\":\"" + slug
                        + "\",\"email\":\"owner@" + slug + ".test\",\"password\":\"correct horse battery staple 42\",\"displayName\":\"Bench\"}");
                String token = find(TOKEN, signup);
                String tenant = find(Pattern.compile("\"tenant\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\""), signup);
                String doc = Files.readString(Path.of("src/test/resources/openapi/petstore-3.0.json"));
                String apiBody = "{\"name\":\"Bench\",\"basePath\":\"/bench\",\"upstreamUrls\":[\"https://203.0.113.9\"],\"openapi\":"
                        + quote(doc) + "}";
                send(http, "POST", base + "/api/v1/apis", token, apiBody);
                String developer = find(ID, send(http, "POST", base + "/api/v1/developers", token, "{\"email\":\"d@b.test\",\"name\":\"D\"}"));
                String app = find(ID, send(http, "POST", base + "/api/v1/applications", token,
                        "{\"name\":\"App\",\"developerId\":\"" + developer + "\"}"));
                long seedStart = System.nanoTime();
                seed(database, UUID.fromString(tenant), UUID.fromString(app), doc, apis - 1, keys, new ApiKeyDigester(pepper));
                System.out.printf("seeded %d APIs and %d keys in %.1f s%n", apis, keys, (System.nanoTime() - seedStart) / 1e9);

                String createKey = "{\"label\":\"bench\",\"environment\":\"production\"}";
                measure(http, "POST create key", "POST", base + "/api/v1/applications/" + app + "/keys", token, createKey, warmup, requests);
                measure(http, "GET list APIs (first page, 50)", "GET", base + "/api/v1/apis", token, null, warmup, requests);
                measure(http, "GET one API", "GET", base + "/api/v1/apis/" + find(ID, send(http, "GET", base + "/api/v1/apis?limit=1", token, null)),
                        token, null, warmup, requests);
                measure(http, "GET verify audit chain", "GET", base + "/api/v1/audit-events/verification", token, null,
                        Math.min(warmup, 50), Math.min(requests, 200));
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static void seed(TestDatabase database, UUID tenant, UUID app, String doc, int apis, int keys, ApiKeyDigester digester)
            throws Exception {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement api = connection.prepareStatement(
                    "INSERT INTO api (id, tenant_id, name, base_path, openapi) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < apis; i++) {
                    api.setObject(1, dev.bulwark.controlplane.kernel.Ids.next());
                    api.setObject(2, tenant);
                    api.setString(3, "API " + i);
                    api.setString(4, "/seeded/" + i);
                    api.setString(5, doc);
                    api.addBatch();
                }
                api.executeBatch();
            }
            try (PreparedStatement key = connection.prepareStatement("INSERT INTO api_key (id, tenant_id, application_id, lookup_id, "
                    + "digest, label, environment) VALUES (?, ?, ?, ?, ?, 'seeded', 'production') ON CONFLICT (lookup_id) DO NOTHING")) {
                for (int i = 0; i < keys; i++) {
                    String secret = ApiKeys.generate(KeyEnvironment.LIVE);
                    key.setObject(1, dev.bulwark.controlplane.kernel.Ids.next());
                    key.setObject(2, tenant);
                    key.setObject(3, app);
                    key.setString(4, ApiKeys.lookupId(secret));
                    key.setString(5, digester.digest(secret));
                    key.addBatch();
                    if (i % 5_000 == 4_999) {
                        key.executeBatch();
                    }
                }
                key.executeBatch();
            }
            connection.commit();
            connection.createStatement().execute("ANALYZE");
        }
    }

    private static void measure(HttpClient http, String name, String method, String url, String token, String body, int warmup,
                                int requests) throws Exception {
        for (int i = 0; i < warmup; i++) {
            send(http, method, url, token, body);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            send(http, method, url, token, body);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-34s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", name, requests,
                nanos[requests / 2] / 1e6, nanos[(int) Math.ceil(requests * 0.99) - 1] / 1e6, nanos[requests - 1] / 1e6);
    }

    private static String send(HttpClient http, String method, String url, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void awaitReady(HttpClient http, String base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a child process's readiness, not synchronising tests
        }
        throw new IllegalStateException("control plane did not become ready");
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected response: " + text);
        }
        return matcher.group(1);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }
}
