package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class HealthTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void liveAndReadyAgainstARealDatabase() {
        HttpResponse<Map> live = client.toBlocking().exchange(HttpRequest.GET("/health/live"), Map.class);
        HttpResponse<Map> ready = client.toBlocking().exchange(HttpRequest.GET("/health/ready"), Map.class);

        assertThat(live.code()).isEqualTo(200);
        assertThat(ready.code()).isEqualTo(200);
        assertThat(ready.body()).containsEntry("status", "UP");
        assertThat(ready.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void migrationsRanOnTheTestDatabase() throws Exception {
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM tenant")) {
            assertThat(rows.next()).isTrue();
        }
    }
}
