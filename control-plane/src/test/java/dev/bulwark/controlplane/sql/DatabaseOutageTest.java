package dev.bulwark.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL restarting under the control plane: requests are answered 503 DATABASE_UNAVAILABLE
 * with Retry-After within the configured acquire timeout (not 500, not after the pool's 30 s), the
 * control plane recovers by itself when the server is back, and every write it acknowledged before
 * the outage is still there. Runs against a private server, so stopping it disturbs no one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {
    private PrivatePostgres postgres;
    private EmbeddedServer server;
    private HttpClient client;
    private Api api;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(PrivatePostgres.available(), "needs the PostgreSQL server binaries");
        postgres = new PrivatePostgres();
        postgres.start();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "micronaut.server.port", "-1",
                "bulwark.api-keys.pepper", RealDatabaseTest.TEST_PEPPER,
                "bulwark.telemetry.ingestion-enabled", "false",
                "bulwark.database.acquire-timeout", "1s",
                "bulwark.database.retry-after", "3s"));
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        api = new Api(client);
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anOutageIsAnsweredWith503AndAcknowledgedWritesSurviveIt() throws Exception {
        Api.Session owner = api.signUp(Api.unique("outage"));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Reply created = createDeveloper(owner);
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
            acknowledged.add(created.body().path("id").asText());
        }

        postgres.stop();
        long started = System.nanoTime();
        Api.Reply write = createDeveloper(owner);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(write.status()).as(String.valueOf(write.body())).isEqualTo(503);
        assertThat(write.key()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.header("Retry-After")).isEqualTo("3");
        // The acquire timeout is 1 s; the pool's default would hold the request for 30 s.
        assertThat(waited).isLessThan(Duration.ofSeconds(5));
        Api.Reply read = api.get("/api/v1/developers", owner.token());
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.key()).isEqualTo("DATABASE_UNAVAILABLE");

        postgres.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Reply after = createDeveloper(owner);
            if (after.status() == 201) {
                acknowledged.add(after.body().path("id").asText());
                return true;
            }
            return false;
        });
        for (String id : acknowledged) {
            assertThat(api.get("/api/v1/developers/" + id, owner.token()).status()).as("developer %s after the restart", id).isEqualTo(200);
        }
    }

    private Api.Reply createDeveloper(Api.Session owner) {
        return api.post("/api/v1/developers", Map.of("email", Api.unique("dev") + "@example.test", "name", "Dev"), owner.token());
    }
}
