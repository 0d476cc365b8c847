package dev.bulwark.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The optional third way to get real services: containers, when a Docker engine exists. Kept apart
 * so that nothing touches Docker while a local or configured server is available.
 */
final class Containers {
    private static GenericContainer<?> postgres;
    private static GenericContainer<?> redis;

    private Containers() {
    }

    static synchronized Optional<TestDatabase.ServerEndpoint> postgres(List<String> tried) {
        if (!dockerAvailable(tried)) {
            return Optional.empty();
        }
        if (postgres == null) {
            postgres = new GenericContainer<>("postgres:17-alpine")
                    .withEnv("POSTGRES_PASSWORD", "bulwark")
                    .withExposedPorts(5432)
                    .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2)
                            .withStartupTimeout(Duration.ofMinutes(2)));
            postgres.start();
        }
        String url = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/postgres";
        return Optional.of(new TestDatabase.ServerEndpoint(url, "postgres", "bulwark", "Testcontainers"));
    }

    static synchronized Optional<String> redis(List<String> tried) {
        if (!dockerAvailable(tried)) {
            return Optional.empty();
        }
        if (redis == null) {
            redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
        }
        return Optional.of("redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
    }

    private static boolean dockerAvailable(List<String> tried) {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return true;
            }
        } catch (RuntimeException | LinkageError e) {
            tried.add("Testcontainers (" + e.getMessage() + ")");
            return false;
        }
        tried.add("Testcontainers (no Docker engine)");
        return false;
    }
}
