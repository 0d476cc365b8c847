package dev.bulwark.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.testing.TestCertificateAuthority;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Control plane to PostgreSQL with {@code sslmode=verify-full}, against a private PostgreSQL that the
 * test starts with {@code ssl = on}, a server certificate of a CA made by the test, and plain-text
 * connections refused. The control plane migrates and serves through it; a client trusting another
 * CA, or dialling a name the certificate does not carry, is refused before any query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTlsTest {
    private TestCertificateAuthority ca;
    private TestCertificateAuthority otherCa;
    private PrivatePostgres postgres;
    private int port;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(PrivatePostgres.available() && TestCertificateAuthority.available(),
                "needs the PostgreSQL server binaries and openssl");
        ca = TestCertificateAuthority.create("postgres");
        otherCa = TestCertificateAuthority.create("other");
        // Only the address: "localhost" is a name this certificate does not carry.
        TestCertificateAuthority.Issued server = ca.issue("postgres-server", "127.0.0.1");
        postgres = new PrivatePostgres();
        postgres.enableTls(server.certificate(), server.key());
        postgres.start();
        port = Integer.parseInt(postgres.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {postgres, ca, otherCa}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void verifyFullWithTheRightCaConnectsOverTls() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("127.0.0.1", ca), user())) {
            assertThat(sslOfOwnSession(connection)).isTrue();
        }
    }

    @Test
    void aServerSignedByAnotherCaIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("127.0.0.1", otherCa), user()).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("SSL");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("localhost", ca), user()).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("localhost");
    }

    @Test
    void aPlainTextConnectionIsRefusedByTheServer() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable",
                user()).close()).isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
    }

    @Test
    void theControlPlaneMigratesAndServesOverVerifiedTlsWithItsStatementTimeout() throws Exception {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", url("127.0.0.1", ca),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "micronaut.server.port", "-1",
                "bulwark.api-keys.pepper", RealDatabaseTest.TEST_PEPPER,
                "bulwark.telemetry.ingestion-enabled", "false",
                "bulwark.database.statement-timeout", "7s"));
        try (HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            HttpResponse<String> ready = client.toBlocking().exchange(HttpRequest.GET("/health/ready"), String.class);
            assertThat(ready.code()).isEqualTo(200);
            // The pool itself, not Micronaut's transaction-bound proxy.
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(server.getApplicationContext().getBean(DataSource.class));
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(sslOfOwnSession(connection)).isTrue();
                try (ResultSet timeout = statement.executeQuery("SHOW statement_timeout")) {
                    timeout.next();
                    assertThat(timeout.getString(1)).isEqualTo("7s");
                }
                // Every session of the server (the pool's and Flyway's) is encrypted: no plain-text path exists.
                try (ResultSet sessions = statement.executeQuery(
                        "SELECT count(*) FILTER (WHERE s.ssl), count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid"
                                + " WHERE a.backend_type = 'client backend'")) {
                    sessions.next();
                    assertThat(sessions.getLong(2)).isPositive();
                    assertThat(sessions.getLong(1)).isEqualTo(sessions.getLong(2));
                }
            }
        } finally {
            server.getApplicationContext().close();
        }
    }

    private String url(String host, TestCertificateAuthority trusted) {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres?sslmode=verify-full&sslrootcert=" + trusted.certificate();
    }

    private static Properties user() {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        return properties;
    }

    private static boolean sslOfOwnSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
