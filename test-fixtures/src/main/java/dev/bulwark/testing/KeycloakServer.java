package dev.bulwark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A real Keycloak for the identity tests, started once per test JVM and shared by every class that
 * asks for it (each test uses realms of its own, see {@link #uniqueName}). In this order:
 * <ol>
 *   <li>{@code BULWARK_TEST_KEYCLOAK_URL} (with {@code _ADMIN_USERNAME}/{@code _ADMIN_PASSWORD}): an
 *       existing server, used as it is and never stopped; unless {@code infra/keycloak.sh start}
 *       started it (CI does, in the background while the first modules build), which also sets
 *       {@code BULWARK_TEST_KEYCLOAK_SERVER} and {@code _PID_FILE}: then the run adopts it, waits for
 *       it to answer and may stop and restart it like its own;</li>
 *   <li>the server distribution Maven copied into the module's {@code target/keycloak}
 *       (system property {@code bulwark.keycloak.dist}, the {@code org.keycloak:keycloak-quarkus-dist}
 *       tar.gz from Maven Central): unpacked there once, started in dev mode on loopback on a free
 *       port with a fresh database, stopped when the JVM exits.</li>
 * </ol>
 * {@link #stop()} and {@link #start()} let failure tests take the server away and bring it back on
 * the same port with its data.
 */
public final class KeycloakServer {
    public static final String URL_ENV = "BULWARK_TEST_KEYCLOAK_URL";
    public static final String DIST_PROPERTY = "bulwark.keycloak.dist";
    private static final String SERVER_ENV = "BULWARK_TEST_KEYCLOAK_SERVER";
    private static final String PID_FILE_ENV = "BULWARK_TEST_KEYCLOAK_PID_FILE";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static KeycloakServer shared;

    private final String url;
    private final String adminUsername;
    private final String adminPassword;
    private final Path home;
    private final int port;
    private Process process;
    /** A server {@code infra/keycloak.sh} started, until this run first stops it. */
    private ProcessHandle adopted;
    private Path pidFile;

    private KeycloakServer(String url, String adminUsername, String adminPassword, Path home, int port) {
        this.url = url;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.home = home;
        this.port = port;
    }

    /** The run's server, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared != null) {
            // An outage test may have left it stopped: the next user gets it back.
            if (shared.ours() && !shared.running()) {
                shared.start();
            }
            return shared;
        }
        String external = System.getenv(URL_ENV);
        if (external != null && !external.isBlank()) {
            String server = System.getenv(SERVER_ENV);
            String pidFile = System.getenv(PID_FILE_ENV);
            boolean adoptable = server != null && pidFile != null && Files.isRegularFile(Path.of(pidFile));
            String url = stripSlash(external);
            shared = new KeycloakServer(url,
                    Optional.ofNullable(System.getenv(URL_ENV + "_ADMIN_USERNAME")).orElse("admin"),
                    Optional.ofNullable(System.getenv(URL_ENV + "_ADMIN_PASSWORD")).orElse("admin"),
                    adoptable ? Path.of(server) : null, adoptable ? URI.create(url).getPort() : -1);
            if (adoptable) {
                shared.adopted = ProcessHandle.of(Long.parseLong(readPid(Path.of(pidFile)))).orElse(null);
                shared.pidFile = Path.of(pidFile);
            }
            // A server the CI script is still starting gets the full start-up time.
            if (!shared.answers(adoptable ? READY_TIMEOUT : Duration.ofSeconds(10))) {
                throw new IllegalStateException(URL_ENV + "=" + external + " does not answer");
            }
            return shared;
        }
        Path home = unpacked(distribution());
        int port = freePort();
        byte[] password = new byte[18];
        RANDOM.nextBytes(password);
        shared = new KeycloakServer("http://127.0.0.1:" + port, "bulwark-admin", HexFormat.of().formatHex(password), home, port);
        deleteRecursively(home.resolve("data"));
        shared.start();
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "keycloak-stop"));
        return shared;
    }

    public String url() {
        return url;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Whether this run started the server (and so may stop and restart it). */
    public boolean ours() {
        return home != null;
    }

    private synchronized boolean running() {
        return process != null && process.isAlive() || adopted != null && adopted.isAlive();
    }

    /** A realm (or client) name no other test of this or another run uses. */
    public static String uniqueName(String prefix) {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Starts (or restarts) the server we unpacked and waits until it answers. */
    public synchronized void start() {
        if (home == null) {
            throw new IllegalStateException("an external Keycloak (" + URL_ENV + ") is not ours to start");
        }
        if (process != null && process.isAlive() || adopted != null && adopted.isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("keycloak.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_APPEND", "-Xms64m -Xmx768m");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak from " + home, e);
        }
        if (pidFile != null) {
            // The script's server, restarted by this run: it outlives the JVM for the next module, and its stop finds it.
            try {
                Files.writeString(pidFile, Long.toString(process.pid()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!answers(READY_TIMEOUT)) {
            stop();
            throw new IllegalStateException("Keycloak did not answer within " + READY_TIMEOUT + "; see " + home.resolve("keycloak.log"));
        }
    }

    /** Stops the server (and the JVM kc.sh started); its data stays for {@link #start()}. */
    public synchronized void stop() {
        if (adopted != null) {
            adopted.descendants().forEach(ProcessHandle::destroy);
            adopted.destroy();
            adopted.onExit().join();
            adopted = null;
        }
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.descendants().forEach(child -> child.onExit().join());
        process.onExit().join();
        process = null;
    }

    private boolean answers(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive() || adopted != null && !adopted.isAlive()) {
                return false;
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/realms/master").toURL().openConnection();
                connection.setConnectTimeout(1_000);
                connection.setReadTimeout(5_000);
                if (connection.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                // Polling a process that is starting has nothing to wait on but time.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String controlPlaneCopy() {
        Path directory = Path.of(System.getProperty("bulwark.root", "..")).resolve("control-plane/target/keycloak");
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tar.gz")).map(Path::toString).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String readPid(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path distribution() {
        // Modules other than control-plane (the launcher's end-to-end tests) use the copy control-plane's build made.
        String dist = System.getProperty(DIST_PROPERTY, controlPlaneCopy());
        if (dist == null || !Files.isRegularFile(Path.of(dist))) {
            throw new IllegalStateException("No Keycloak for the tests: set " + URL_ENV + " to a running server, or build"
                    + " with Maven so that org.keycloak:keycloak-quarkus-dist is copied to the path in -D" + DIST_PROPERTY
                    + " (was " + dist + ")");
        }
        return Path.of(dist);
    }

    /** Unpacks beside the archive once; a marker written last tells a complete unpack from an interrupted one. */
    private static Path unpacked(Path archive) {
        Path target = archive.resolveSibling("server");
        Path marker = target.resolve(".unpacked-" + archive.getFileName());
        if (Files.exists(marker)) {
            return onlyChild(target);
        }
        deleteRecursively(target);
        try {
            Files.createDirectories(target);
            Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", target.toString()).inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar could not unpack " + archive);
            }
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return onlyChild(target);
    }

    private static Path onlyChild(Path directory) {
        try (var children = Files.list(directory)) {
            return children.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException("nothing unpacked in " + directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) {
        TempDirectories.delete(path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
