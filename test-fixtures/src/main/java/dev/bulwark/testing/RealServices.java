package dev.bulwark.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the real PostgreSQL and Redis a test run talks to, in this order: the URLs in the
 * environment, the local services on their default ports, Testcontainers when a Docker engine
 * exists; otherwise it fails with a message that says what is missing and how to start it.
 * There is deliberately no in-memory stand-in.
 */
public final class RealServices {
    public static final String PG_URL_ENV = "BULWARK_TEST_PG_URL";
    public static final String PG_USER_ENV = "BULWARK_TEST_PG_USER";
    public static final String PG_PASSWORD_ENV = "BULWARK_TEST_PG_PASSWORD";
    public static final String REDIS_URL_ENV = "BULWARK_TEST_REDIS_URL";

    private static final String LOCAL_PG = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String LOCAL_REDIS = "redis://127.0.0.1:6379";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static TestDatabase.ServerEndpoint postgresServer;
    private static String redisServer;
    private static String redisOrigin;

    private RealServices() {
    }

    /** A new, empty database for the caller; close it to drop it. */
    public static TestDatabase newDatabase() {
        TestDatabase.ServerEndpoint server = postgresServer();
        String name = "bulwark_t_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss")) + "_" + randomSuffix();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database on " + server.origin() + ": " + e.getMessage(), e);
        }
        String url = server.jdbcUrl().substring(0, server.jdbcUrl().lastIndexOf('/') + 1) + name;
        return new TestDatabase(url, server.username(), server.password(), name, server);
    }

    /** A key prefix of the caller's own on a real Redis; close it to delete its keys. */
    public static TestRedis newRedisPrefix() {
        String uri = redisServer();
        return new TestRedis(uri, "bwtest:" + randomSuffix() + ":", redisOrigin);
    }

    public static synchronized TestDatabase.ServerEndpoint postgresServer() {
        if (postgresServer != null) {
            return postgresServer;
        }
        List<String> tried = new ArrayList<>();
        String envUrl = System.getenv(PG_URL_ENV);
        String user = Optional.ofNullable(System.getenv(PG_USER_ENV)).orElse("postgres");
        String password = Optional.ofNullable(System.getenv(PG_PASSWORD_ENV)).orElse(System.getenv().getOrDefault("PGPASSWORD", ""));
        if (envUrl != null && !envUrl.isBlank()) {
            // An explicit URL is a promise: failing to reach it is an error, not a reason to look elsewhere.
            requirePostgres(envUrl, user, password, PG_URL_ENV);
            return postgresServer = new TestDatabase.ServerEndpoint(envUrl, user, password, PG_URL_ENV);
        }
        if (canConnect(LOCAL_PG, user, password, tried)) {
            return postgresServer = new TestDatabase.ServerEndpoint(LOCAL_PG, user, password, "local server 127.0.0.1:5432");
        }
        Optional<TestDatabase.ServerEndpoint> container = Containers.postgres(tried);
        if (container.isPresent()) {
            return postgresServer = container.get();
        }
        throw new IllegalStateException("No PostgreSQL for the tests. Tried: " + String.join("; ", tried)
                + ". Set " + PG_URL_ENV + " (and " + PG_USER_ENV + "/" + PG_PASSWORD_ENV + ") to a server where the user may"
                + " CREATE DATABASE, or start one on 127.0.0.1:5432 with `bash infra/local-services.sh start`, or run a Docker engine.");
    }

    public static synchronized String redisServer() {
        if (redisServer != null) {
            return redisServer;
        }
        List<String> tried = new ArrayList<>();
        String envUrl = System.getenv(REDIS_URL_ENV);
        if (envUrl != null && !envUrl.isBlank()) {
            if (!answersPing(envUrl, tried)) {
                throw new IllegalStateException(REDIS_URL_ENV + "=" + envUrl + " does not answer PING: " + String.join("; ", tried));
            }
            redisOrigin = REDIS_URL_ENV;
            return redisServer = envUrl;
        }
        if (answersPing(LOCAL_REDIS, tried)) {
            redisOrigin = "local server 127.0.0.1:6379";
            return redisServer = LOCAL_REDIS;
        }
        Optional<String> container = Containers.redis(tried);
        if (container.isPresent()) {
            redisOrigin = "Testcontainers";
            return redisServer = container.get();
        }
        throw new IllegalStateException("No Redis for the tests. Tried: " + String.join("; ", tried)
                + ". Set " + REDIS_URL_ENV + "=redis://host:port, or start one on 127.0.0.1:6379 with"
                + " `bash infra/local-services.sh start`, or run a Docker engine.");
    }

    private static void requirePostgres(String url, String user, String password, String origin) {
        List<String> tried = new ArrayList<>();
        if (!canConnect(url, user, password, tried)) {
            throw new IllegalStateException(origin + " is set but unusable: " + tried.getFirst());
        }
    }

    private static boolean canConnect(String url, String user, String password, List<String> tried) {
        String probeUrl = url + (url.contains("?") ? "&" : "?") + "connectTimeout=3&loginTimeout=3";
        try (Connection ignored = DriverManager.getConnection(probeUrl, user, password)) {
            return true;
        } catch (SQLException e) {
            tried.add(url + " as " + user + " (" + e.getMessage() + ")");
            return false;
        }
    }

    static boolean answersPing(String redisUri, List<String> tried) {
        URI uri = URI.create(redisUri);
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                return true;
            }
            tried.add(redisUri + " (unexpected reply to PING, a password may be needed: put it in the URL)");
            return false;
        } catch (java.io.IOException e) {
            tried.add(redisUri + " (" + e.getMessage() + ")");
            return false;
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
