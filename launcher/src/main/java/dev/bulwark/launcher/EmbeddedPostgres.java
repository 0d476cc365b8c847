package dev.bulwark.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server whose data lives in {@code <home>/postgres}, so a restart keeps what was created.
 * Listens on 127.0.0.1 only, trust authentication for the local {@code postgres} role.
 * When the launcher runs as root, the server runs as {@code nobody} (PostgreSQL refuses root).
 */
final class EmbeddedPostgres {
    static final String DATABASE = "bulwark";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binaries;
    private final Path data;
    private final Path logs;
    private final int port;
    private ChildProcess server;

    EmbeddedPostgres(Path home, int port) {
        this.binaries = home.resolve("pg-bin");
        this.data = home.resolve("postgres");
        this.logs = home.resolve("logs");
        this.port = port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    void start() {
        PostgresBinaries.unpack(binaries);
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(root);
            }
            if (root) {
                chownTree(data);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot prepare " + data + ": " + e.getMessage(), e);
        }
        List<String> command = asServerUser(root, List.of(bin("postgres"), "-D", data.toString(), "-p", Integer.toString(port),
                "-h", "127.0.0.1", "-k", data.toString(), "-c", "fsync=on", "-c", "max_connections=100"));
        server = ChildProcess.start("PostgreSQL", command, Map.of("LC_ALL", "C"), logs.resolve("postgres.log"), binaries);
        server.awaitReady(this::acceptsConnections, START_TIMEOUT);
        createDatabaseIfMissing();
    }

    void stop() {
        if (server != null) {
            // SIGTERM is PostgreSQL's "smart" shutdown; both planes are already stopped by now.
            server.stop(Duration.ofSeconds(20));
        }
    }

    private void initdb(boolean root) throws IOException {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        if (root) {
            chownTree(data);
        }
        List<String> command = asServerUser(root, List.of(bin("initdb"), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C"));
        ChildProcess initdb = ChildProcess.start("initdb", command, Map.of("LC_ALL", "C"), logs.resolve("initdb.log"), binaries);
        int exitCode = initdb.awaitExit(START_TIMEOUT);
        if (exitCode != 0 || !Files.exists(data.resolve("PG_VERSION"))) {
            throw new LaunchException("initdb failed; see " + initdb.log() + ":\n" + initdb.tail(10));
        }
    }

    private boolean acceptsConnections() {
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=1", "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rows.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new LaunchException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    /** As root, run through setpriv as nobody: PostgreSQL will not run with superuser rights. */
    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void chownTree(Path folder) throws IOException {
        UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (var paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, nobody);
            }
        }
    }

    /** The server's process id, for {@code ./bulwark status}. */
    long pid() {
        return server.pid();
    }
}
