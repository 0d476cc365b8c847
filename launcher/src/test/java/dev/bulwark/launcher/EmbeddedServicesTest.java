package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded default: PostgreSQL and Redis started from the launcher, data kept across restarts. */
class EmbeddedServicesTest {

    @Test
    void postgresKeepsDataAcrossRestarts() throws Exception {
        // Not @TempDir: when tests run as root, PostgreSQL runs as nobody and must traverse the folder.
        Path home = dev.bulwark.testing.TempDirectories.create("bulwark-home");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        EmbeddedPostgres first = new EmbeddedPostgres(home, port);
        first.start();
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value text)");
            statement.execute("INSERT INTO kept VALUES ('survives a restart')");
        } finally {
            first.stop();
        }
        assertThat(canConnect(first.jdbcUrl())).as("stopped").isFalse();

        EmbeddedPostgres second = new EmbeddedPostgres(home, port);
        second.start();
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives a restart");
        } finally {
            second.stop();
        }
    }

    @Test
    void redisStartsAnswersAndStops() throws Exception {
        Path home = dev.bulwark.testing.TempDirectories.create("bulwark-redis");
        LocalRedis redis = new LocalRedis(home, freePort());
        redis.start();
        try {
            assertThat(redis.origin()).isNotBlank();
            assertThat(Files.isDirectory(home.resolve("redis"))).isTrue();
        } finally {
            redis.stop();
        }
    }

    @Test
    void secondInstanceOnTheSameDataIsRefusedWithOneLine() throws Exception {
        Path home = dev.bulwark.testing.TempDirectories.create("bulwark-lock");
        try (InstanceLock ignored = InstanceLock.acquire(home)) {
            assertThatThrownBy(() -> InstanceLock.acquire(home))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageStartingWith("Bulwark is already running with data in " + home)
                    .hasNoCause();
        }
        InstanceLock.acquire(home).close();
    }

    @Test
    void takenPortIsRefusedNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "BULWARK_CP_PORT"))
                    .hasMessage("port " + taken.getLocalPort() + " is already in use on 127.0.0.1; free it or set BULWARK_CP_PORT to another port");
        }
    }

    @Test
    void secretsAreGeneratedOnceKeptPrivateAndOverriddenByTheEnvironment() throws Exception {
        Path home = dev.bulwark.testing.TempDirectories.create("bulwark-secrets");
        Map<String, String> first = Secrets.loadOrCreate(home, Map.of());
        Map<String, String> again = Secrets.loadOrCreate(home, Map.of());
        Map<String, String> overridden = Secrets.loadOrCreate(home, Map.of(Secrets.PEPPER, "from-env"));

        assertThat(again).isEqualTo(first);
        assertThat(java.util.Base64.getDecoder().decode(first.get(Secrets.PEPPER))).hasSize(32);
        assertThat(overridden.get(Secrets.PEPPER)).isEqualTo("from-env");
        assertThat(first.get(Secrets.SYNC_CREDENTIAL)).matches("bwdp_[A-Za-z0-9_-]{43}");
        assertThat(java.util.Base64.getDecoder().decode(first.get(Secrets.LKG_KEY))).hasSize(32);
        assertThat(Files.getPosixFilePermissions(home.resolve("secrets.properties")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    private static boolean canConnect(String url) {
        try (Connection ignored = DriverManager.getConnection(url + "?connectTimeout=1", "postgres", "")) {
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
