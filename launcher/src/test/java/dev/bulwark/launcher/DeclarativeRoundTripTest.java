package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.launcher.declarative.DeclarativeCommands;
import dev.bulwark.launcher.e2e.ConsoleApi;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark export | diff | apply} against the real control-plane jar on a real PostgreSQL
 * database, through its public HTTP API with automation tokens: export a seeded tenant, apply it
 * to an empty tenant, export that one and get the same files; a second apply changes nothing; a
 * dry run changes nothing; diff names a changed field; a viewer token cannot apply.
 */
@ExtendWith(RealServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeclarativeRoundTripTest {
    private static final String PASSWORD = "correct horse battery staple 42";
    private static final String DOCUMENT = """
            {"openapi": "3.0.3", "info": {"title": "Orders", "version": "1.0"},
             "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}},
             "security": [{"key": []}],
             "paths": {"/orders": {"get": {"operationId": "listOrders", "responses": {"200": {"description": "ok"}}},
                                   "post": {"operationId": "createOrder", "responses": {"201": {"description": "created"}}}}}}
            """;

    private ChildProcess controlPlane;
    private String url;

    @BeforeAll
    void startControlPlane(TestDatabase database, TestRedis redis, @TempDir Path home) throws IOException {
        Path root = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
        LaunchSettings settings = new LaunchSettings(home, root, PlanesSmokeTest.freePort(), PlanesSmokeTest.freePort(),
                PlanesSmokeTest.freePort(), database.jdbcUrl(), database.username(), database.password(), redis.uri(), 0, 0,
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> environment = new HashMap<>(Secrets.loadOrCreate(home, Map.of()));
        environment.put("BULWARK_DB_URL", database.jdbcUrl());
        environment.put("BULWARK_DB_USER", database.username());
        environment.put("BULWARK_DB_PASSWORD", database.password());
        environment.put("BULWARK_REDIS_URL", redis.uri());
        environment.put("BULWARK_CP_PORT", Integer.toString(settings.controlPlanePort()));
        controlPlane = Planes.startControlPlane(settings, environment, home.resolve("logs"));
        url = "http://127.0.0.1:" + settings.controlPlanePort();
    }

    @AfterAll
    void stop() {
        if (controlPlane != null) {
            controlPlane.stop(Duration.ofSeconds(10));
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run cli(String token, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DeclarativeCommands.run(args, Map.of("BULWARK_URL", url, "BULWARK_TOKEN", token),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private ConsoleApi tenant(String name) {
        String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return ConsoleApi.signUp(url, slug, "owner@" + slug + ".example.test", PASSWORD);
    }

    private static String token(ConsoleApi owner, String role) {
        return owner.post("/api/v1/automation-tokens", Map.of("name", "cli " + role, "role", role), 201).path("token").asText();
    }

    @Test
    void exportApplyExportGivesTheSameFilesAndApplyConverges(@TempDir Path work) throws IOException {
        ConsoleApi seeded = tenant("seeded");
        String apiId = seed(seeded);
        String seededToken = token(seeded, "viewer");
        Path exported = work.resolve("exported");
        Run export = cli(seededToken, "export", "-f", exported.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(exported.resolve("apis/orders.yaml"))).contains("basePath: /orders").contains("lifecycle: published")
                .contains("openapi: orders.openapi.json").contains("listOrders").doesNotContain("\"id\"");
        assertThat(Files.readString(exported.resolve("apis/orders.openapi.json"))).isEqualTo(DOCUMENT);
        assertThat(Files.readString(exported.resolve("developers.yaml"))).contains("dev@buyer.example").contains("status: active");
        // The route is the seeded tenant's while it is live: retire it so the copy may publish it.
        seeded.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "deprecated"), 200);
        seeded.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "retired"), 200);

        ConsoleApi empty = tenant("copy");
        String publisher = token(empty, "admin");
        Run viewerApply = cli(token(empty, "viewer"), "apply", "-f", exported.toString());
        assertThat(viewerApply.exit()).isEqualTo(1);
        assertThat(viewerApply.err()).contains("403").contains("FORBIDDEN");

        Run dryRun = cli(publisher, "apply", "--dry-run", "-f", exported.toString());
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("+ create api Orders").contains("+ create plan Orders/gold")
                .contains("+ create subscription dev@buyer.example/Mobile/Orders").contains("Dry run: nothing was changed.");
        assertThat(empty.get("/api/v1/apis").path("items")).as("the dry run created nothing").isEmpty();

        Run apply = cli(publisher, "apply", "-f", exported.toString());
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        Path again = work.resolve("again");
        assertThat(cli(publisher, "export", "-f", again.toString()).exit()).isZero();
        assertThat(files(again)).isEqualTo(files(exported));

        Run second = cli(publisher, "apply", "-f", exported.toString());
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("0 to create, 0 to update, 0 to delete").doesNotContain("Applying");
        assertThat(cli(publisher, "diff", "-f", exported.toString()).exit()).as("no changes").isZero();

        Path api = again.resolve("apis/orders.yaml");
        Files.writeString(api, Files.readString(api).replace("limit: 100", "limit: 250"));
        Run diff = cli(publisher, "diff", "-f", again.toString());
        assertThat(diff.exit()).isEqualTo(2);
        assertThat(diff.out()).contains("~ update plan Orders/gold").contains("policies: ").contains("250");
        assertThat(cli(publisher, "apply", "--dry-run", "-f", again.toString()).exit()).isZero();
        assertThat(cli(publisher, "diff", "-f", again.toString()).exit()).as("the dry run changed nothing").isEqualTo(2);
        assertThat(cli(publisher, "apply", "-f", again.toString()).exit()).isZero();
        assertThat(cli(publisher, "diff", "-f", again.toString()).exit()).isZero();
    }

    @Test
    void theServersProblemIsShownWithItsField(@TempDir Path work) throws IOException {
        ConsoleApi owner = tenant("bad");
        Path dir = work.resolve("bad");
        Files.createDirectories(dir.resolve("apis"));
        Files.writeString(dir.resolve("apis/broken.openapi.json"), DOCUMENT);
        Files.writeString(dir.resolve("apis/broken.yaml"), """
                name: Broken
                basePath: no-leading-slash
                openapi: broken.openapi.json
                """);
        Run apply = cli(token(owner, "publisher"), "apply", "-f", dir.toString());
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err()).contains("POST /api/v1/apis answered 400").contains("basePath");

        Files.writeString(dir.resolve("apis/broken.yaml"), "name: Broken\nbasePath: /b\nopenapi: broken.openapi.json\ncolour: red\n");
        Run unknown = cli(token(owner, "publisher"), "diff", "-f", dir.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("broken.yaml").contains("unknown key colour");
    }

    /** An API with API-, operation- and plan-level policies, published; a developer, an application, a subscription. */
    private static String seed(ConsoleApi owner) {
        JsonNode api = owner.post("/api/v1/apis", Map.of("name", "Orders", "openapi", DOCUMENT, "basePath", "/orders",
                "upstreamUrls", List.of("https://orders.upstream.invalid"), "version", "1.0"), 201);
        String id = api.path("id").asText();
        owner.update("PUT", "/api/v1/apis/" + id + "/environments/production", "/api/v1/apis/" + id,
                Map.of("upstreamUrls", List.of("https://orders-prod.upstream.invalid"), "enabled", true));
        owner.update("PUT", "/api/v1/apis/" + id + "/policies", "/api/v1/apis/" + id,
                Map.of("policies", List.of(Map.of("type", "api-key"))));
        owner.update("PUT", "/api/v1/apis/" + id + "/operations/createOrder/policies", "/api/v1/apis/" + id,
                Map.of("policies", List.of(Map.of("type", "rate-limit", "limit", 5, "periodSeconds", 1))));
        String gold = owner.post("/api/v1/apis/" + id + "/plans", Map.of("name", "gold", "description", "Paying customers",
                "allowedOperations", List.of(), "approval", "manual",
                "policies", List.of(Map.of("type", "rate-limit", "limit", 100, "periodSeconds", 60))), 201).path("id").asText();
        owner.post("/api/v1/apis/" + id + "/plans", Map.of("name", "free", "allowedOperations", List.of("listOrders"),
                "approval", "auto", "policies", List.of()), 201);
        owner.post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"), 200);
        String developer = owner.post("/api/v1/developers", Map.of("email", "dev@buyer.example", "name", "Buyer Dev"), 201)
                .path("id").asText();
        String app = owner.post("/api/v1/applications", Map.of("name", "Mobile", "developerId", developer,
                "description", "The buyer's phone app"), 201).path("id").asText();
        String subscription = owner.post("/api/v1/applications/" + app + "/subscriptions", Map.of("planId", gold), 201)
                .path("id").asText();
        owner.post("/api/v1/subscriptions/" + subscription + "/approve", Map.of(), 200);
        return id;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
