package dev.bulwark.controlplane.sql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from the Debian binaries, in a temporary directory on a
 * free port, so a test can stop and restart it without touching the shared server others use.
 * As root it runs as the {@code postgres} user (PostgreSQL refuses to run as root).
 */
final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    PrivatePostgres() throws IOException, InterruptedException {
        bin = binaries();
        directory = dev.bulwark.testing.TempDirectories.create("bulwark-private-pg");
        data = directory.resolve("data");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        if (root) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
        }
        run(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
    }

    /** Whether this machine has the binaries (Debian's postgresql package). */
    static boolean available() {
        try {
            binaries();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /**
     * Serves TLS with this certificate and refuses every connection that does not use it
     * ({@code hostnossl ... reject} ahead of the trust lines initdb wrote). Call before {@link #start()}.
     */
    void enableTls(Path certificate, Path key) throws IOException {
        Path serverCertificate = data.resolve("server.crt");
        Path serverKey = data.resolve("server.key");
        Files.copy(certificate, serverCertificate);
        Files.copy(key, serverKey);
        // PostgreSQL refuses a key others can read.
        Files.setPosixFilePermissions(serverKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        if (root) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(serverCertificate, postgres);
            Files.setOwner(serverKey, postgres);
        }
        Files.writeString(data.resolve("postgresql.conf"), "\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path hba = data.resolve("pg_hba.conf");
        Files.writeString(hba, "hostnossl all all all reject\n" + Files.readString(hba));
    }

    void start() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off", "start");
    }

    /** A fast shutdown, as a restart does: open connections are closed, committed data stays. */
    void stop() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    @Override
    public void close() throws Exception {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            stop();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("no PostgreSQL binaries under " + root);
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries under " + root));
        }
    }
}
