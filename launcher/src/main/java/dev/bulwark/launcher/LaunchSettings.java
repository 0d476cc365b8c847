package dev.bulwark.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code ./bulwark up} starts and where, from environment variables with defaults.
 *
 * @param home      folder for data, logs and generated secrets ({@code BULWARK_HOME}, default ./.bulwark)
 * @param root      repository root holding the built jars ({@code BULWARK_ROOT})
 * @param dbUrl     an external PostgreSQL ({@code BULWARK_DB_URL}); null starts the embedded one
 * @param redisUrl  an external Redis ({@code BULWARK_REDIS_URL}); null starts a local one
 */
public record LaunchSettings(
        Path home,
        Path root,
        int controlPlanePort,
        int gatewayPort,
        int gatewayStatusPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String redisUrl,
        int embeddedPostgresPort,
        int embeddedRedisPort,
        String javaCommand) {

    public static LaunchSettings from(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("BULWARK_ROOT", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env.getOrDefault("BULWARK_HOME", root.resolve(".bulwark").toString())).toAbsolutePath().normalize();
        return new LaunchSettings(
                home,
                root,
                port(env, "BULWARK_CP_PORT", 8080),
                port(env, "BULWARK_GW_PORT", 8000),
                port(env, "BULWARK_GW_STATUS_PORT", 8100),
                blankToNull(env.get("BULWARK_DB_URL")),
                env.getOrDefault("BULWARK_DB_USER", "postgres"),
                env.getOrDefault("BULWARK_DB_PASSWORD", ""),
                blankToNull(env.get("BULWARK_REDIS_URL")),
                port(env, "BULWARK_EMBEDDED_PG_PORT", 54329),
                port(env, "BULWARK_EMBEDDED_REDIS_PORT", 63790),
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65_535) {
                throw new LaunchException(name + " must be a port between 1 and 65535, was " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchException(name + " must be a port number, was '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
