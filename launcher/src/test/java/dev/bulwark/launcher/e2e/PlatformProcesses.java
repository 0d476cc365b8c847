package dev.bulwark.launcher.e2e;

import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built planes started as processes against one PostgreSQL database and one Redis key prefix:
 * a control plane and any number of data planes of the production environment, each data plane
 * with its own ports and its own encrypted last-known-good file. Stops everything it started.
 */
public final class PlatformProcesses implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Where PostgreSQL and Redis are, and the key prefix every process of this run writes under. */
    public record Services(String jdbcUrl, String dbUser, String dbPassword, String redisUrl, String redisKeyPrefix) {
        /** This test's own database and Redis key prefix. */
        public static Services of(TestDatabase database, TestRedis redis) {
            return new Services(database.jdbcUrl(), database.username(), database.password(), redis.uri(), redis.keyPrefix());
        }

    }

    /** A data plane: traffic and status addresses, the files it keeps, and its process while it runs. */
    public static final class DataPlane {
        public final String name;
        final String environment;
        final int port;
        final int statusPort;
        final Path lastKnownGood;
        JvmProcess process;

        DataPlane(String name, String environment, int port, int statusPort, Path lastKnownGood) {
            this.name = name;
            this.environment = environment;
            this.port = port;
            this.statusPort = statusPort;
            this.lastKnownGood = lastKnownGood;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public String readyUrl() {
            return "http://127.0.0.1:" + statusPort + "/health/ready";
        }
    }

    private final Path root;
    private final Path home;
    private final Services services;
    private final String pepper = random32();
    private final String lkgKey = random32();
    private final String kek = random32();
    private final int controlPlanePort;
    private final List<DataPlane> dataPlanes = new ArrayList<>();
    private JvmProcess controlPlane;
    private String dataPlaneCredential;

    public PlatformProcesses(Path home, Services services) throws IOException {
        this.root = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
        this.home = home;
        this.services = services;
        this.controlPlanePort = freePort();
    }

    public String controlPlaneUrl() {
        return "http://127.0.0.1:" + controlPlanePort;
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /**
     * Starts the control plane as {@code ./bulwark up} configures it: a bootstrap data-plane credential
     * for {@code environment} (used by the data planes started later) and loopback upstreams allowed
     * for every tenant. Platform administrators are bound by user id, which a test cannot know first.
     */
    public void startControlPlane(String environment) {
        startControlPlane(environment, Map.of());
    }

    /** As {@link #startControlPlane(String)}, with more settings (e.g. the Keycloak adapter's). */
    public void startControlPlane(String environment, Map<String, String> settings) {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        dataPlaneCredential = "bwdp_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, String> env = new HashMap<>();
        env.put("BULWARK_DB_URL", services.jdbcUrl());
        env.put("BULWARK_DB_USER", services.dbUser());
        env.put("BULWARK_DB_PASSWORD", services.dbPassword());
        env.put("BULWARK_REDIS_URL", services.redisUrl());
        env.put("BULWARK_REDIS_KEY_PREFIX", services.redisKeyPrefix());
        env.put("BULWARK_API_KEY_PEPPER", pepper);
        env.put("BULWARK_KEK", kek);
        env.put("BULWARK_CP_PORT", Integer.toString(controlPlanePort));
        env.put("BULWARK_ISSUER", controlPlaneUrl());
        env.put("BULWARK_SYNC_BOOTSTRAP_CREDENTIAL", dataPlaneCredential);
        env.put("BULWARK_SYNC_BOOTSTRAP_ENVIRONMENT", environment);
        env.put("BULWARK_DEFAULT_PRIVATE_UPSTREAM_CIDRS", "127.0.0.0/8");
        env.putAll(settings);
        // Tests start fast with C1 only; benchmarks (-Dbulwark.platform.full-jit=true) measure the JIT a deployment runs.
        List<String> flags = Boolean.getBoolean("bulwark.platform.full-jit")
                ? List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC")
                : List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        controlPlane = JvmProcess.start("control plane", jar("control-plane/target/bulwark-control-plane.jar"), flags, env,
                logs().resolve("control-plane.log"));
        controlPlane.awaitReady(controlPlaneUrl() + "/health/ready", START_TIMEOUT);
    }

    public void stopControlPlane() {
        controlPlane.close();
    }

    JvmProcess controlPlane() {
        return controlPlane;
    }

    /** Data planes authenticate to the control plane with this credential (issued through its API). */
    public void useDataPlaneCredential(String credential) {
        this.dataPlaneCredential = credential;
    }

    public DataPlane addDataPlane(String name) throws IOException {
        return addDataPlane(name, "production");
    }

    /** A data plane serving {@code environment} (staging or production); its credential must be for the same. */
    public DataPlane addDataPlane(String name, String environment) throws IOException {
        DataPlane dataPlane = new DataPlane(name, environment, freePort(), freePort(), home.resolve(name).resolve("last-known-good.bin"));
        dataPlanes.add(dataPlane);
        return dataPlane;
    }

    /** Starts (or restarts) a data plane; returns once the process is up, ready or not. */
    public void startDataPlane(DataPlane dataPlane) {
        Map<String, String> env = new HashMap<>();
        env.put("BULWARK_REDIS_URL", services.redisUrl());
        env.put("BULWARK_GW_REDIS_KEY_PREFIX", services.redisKeyPrefix());
        env.put("BULWARK_API_KEY_PEPPER", pepper);
        env.put("BULWARK_ENVIRONMENT", dataPlane.environment);
        env.put("BULWARK_GW_ID", dataPlane.name);
        env.put("BULWARK_GW_PORT", Integer.toString(dataPlane.port));
        env.put("BULWARK_GW_STATUS_PORT", Integer.toString(dataPlane.statusPort));
        env.put("BULWARK_GW_EVENT_LOOPS", "1");
        env.put("BULWARK_GW_CONTROL_PLANE_URL", "ws://127.0.0.1:" + controlPlanePort);
        env.put("BULWARK_GW_CREDENTIAL", dataPlaneCredential);
        env.put("BULWARK_GW_LKG_FILE", dataPlane.lastKnownGood.toString());
        env.put("BULWARK_GW_LKG_KEY", lkgKey);
        env.put("BULWARK_GW_SHUTDOWN_GRACE_MS", "1000");
        dataPlane.process = JvmProcess.start(dataPlane.name, jar("data-plane/target/bulwark-data-plane.jar"),
                List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"), env, logs().resolve(dataPlane.name + ".log"));
    }

    public void awaitReady(DataPlane dataPlane) {
        dataPlane.process.awaitReady(dataPlane.readyUrl(), START_TIMEOUT);
    }

    /** The API-key pepper both planes share (base64), for tools that seed keys with real digests. */
    public String pepper() {
        return pepper;
    }

    /** The secrets this run generated: no log may contain them. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(pepper, lkgKey, kek));
        if (dataPlaneCredential != null) {
            secrets.add(dataPlaneCredential);
        }
        return secrets;
    }

    @Override
    public void close() {
        for (DataPlane dataPlane : dataPlanes) {
            if (dataPlane.process != null) {
                dataPlane.process.close();
            }
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    private Path jar(String relative) {
        Path jar = root.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the launcher module's tests run after both planes are packaged");
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
