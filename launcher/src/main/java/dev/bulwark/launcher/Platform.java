package dev.bulwark.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code ./bulwark up} runs, started in dependency order and stopped in reverse.
 * Owns every process it starts; {@link #stop()} is idempotent and safe from a shutdown hook.
 */
final class Platform {
    static final String REDIS_KEY_PREFIX = "BULWARK_REDIS_KEY_PREFIX";
    private final LaunchSettings settings;
    private final Map<String, String> environment;
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private final Deque<ChildProcess> watched = new ArrayDeque<>();
    private final List<RunState.Entry> running = new ArrayList<>();
    private String databaseDescription;
    private String redisDescription;
    private boolean stopped;
    /** Set the moment a stop begins, before the lock: from then on a dead process is expected. */
    private volatile boolean stopping;

    Platform(LaunchSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    synchronized void start() {
        Path logs = settings.home().resolve("logs");
        Map<String, String> shared = new HashMap<>(Secrets.loadOrCreate(settings.home(), environment));
        String dbUrl = settings.dbUrl();
        if (dbUrl == null) {
            Ports.requireFree(settings.embeddedPostgresPort(), "BULWARK_EMBEDDED_PG_PORT");
            EmbeddedPostgres postgres = new EmbeddedPostgres(settings.home(), settings.embeddedPostgresPort());
            stops.push(postgres::stop);
            postgres.start();
            dbUrl = postgres.jdbcUrl();
            String address = "127.0.0.1:" + settings.embeddedPostgresPort();
            running.add(new RunState.Entry("PostgreSQL", postgres.pid(), "postgresql://" + address, "tcp://" + address,
                    logs.resolve("postgres.log")));
            databaseDescription = "embedded PostgreSQL on 127.0.0.1:" + settings.embeddedPostgresPort() + ", data in " + settings.home().resolve("postgres");
        } else {
            databaseDescription = "external PostgreSQL (BULWARK_DB_URL)";
        }
        String redisUrl = settings.redisUrl();
        if (redisUrl == null) {
            Ports.requireFree(settings.embeddedRedisPort(), "BULWARK_EMBEDDED_REDIS_PORT");
            LocalRedis redis = new LocalRedis(settings.home(), settings.embeddedRedisPort());
            stops.push(redis::stop);
            redis.start();
            redisUrl = redis.url();
            String address = "127.0.0.1:" + settings.embeddedRedisPort();
            running.add(new RunState.Entry("Redis", redis.pid(), "redis://" + address, "tcp://" + address, logs.resolve("redis.log")));
            redisDescription = "local Redis (" + redis.origin() + ") on 127.0.0.1:" + settings.embeddedRedisPort() + ", data in " + settings.home().resolve("redis");
        } else {
            redisDescription = "external Redis (BULWARK_REDIS_URL)";
        }
        shared.put("BULWARK_DB_URL", dbUrl);
        shared.put("BULWARK_DB_USER", settings.dbUrl() == null ? "postgres" : settings.dbUser());
        shared.put("BULWARK_DB_PASSWORD", settings.dbUrl() == null ? "" : settings.dbPassword());
        shared.put("BULWARK_REDIS_URL", redisUrl);
        shared.put("BULWARK_CP_PORT", Integer.toString(settings.controlPlanePort()));
        shared.put("BULWARK_GW_PORT", Integer.toString(settings.gatewayPort()));
        shared.put("BULWARK_GW_STATUS_PORT", Integer.toString(settings.gatewayStatusPort()));
        // A Redis shared by several platforms: both planes must use one prefix, the event streams live under it.
        String keyPrefix = environment.get(REDIS_KEY_PREFIX);
        if (keyPrefix != null && !keyPrefix.isBlank()) {
            shared.put(REDIS_KEY_PREFIX, keyPrefix);
        }
        // Private upstreams are the operator's decision: on one machine, loopback for every tenant
        // (BULWARK_LOCAL_PRIVATE_UPSTREAMS, empty for none), never the platform's own ports.
        shared.put("BULWARK_DEFAULT_PRIVATE_UPSTREAM_CIDRS", environment.getOrDefault("BULWARK_LOCAL_PRIVATE_UPSTREAMS", "127.0.0.0/8"));
        java.util.List<Integer> ownPorts = new java.util.ArrayList<>(java.util.List.of(
                settings.controlPlanePort(), settings.gatewayPort(), settings.gatewayStatusPort()));
        if (settings.dbUrl() == null) {
            ownPorts.add(settings.embeddedPostgresPort());
        }
        if (settings.redisUrl() == null) {
            ownPorts.add(settings.embeddedRedisPort());
        }
        shared.put("BULWARK_PLATFORM_ENDPOINTS", String.join(",", ownPorts.stream()
                .map(port -> "127.0.0.0/8:" + port + ",[::1]:" + port).toList()));

        String controlPlane = "http://127.0.0.1:" + settings.controlPlanePort();
        ChildProcess cp = Planes.startControlPlane(settings, shared, logs);
        watch(cp);
        running.add(new RunState.Entry("control plane", cp.pid(), controlPlane + "/", controlPlane + "/health/ready", cp.log()));
        ChildProcess dp = Planes.startDataPlane(settings, gatewayEnvironment(shared, settings), logs);
        watch(dp);
        running.add(new RunState.Entry("data plane", dp.pid(), "http://127.0.0.1:" + settings.gatewayPort() + "/",
                "http://127.0.0.1:" + settings.gatewayStatusPort() + "/health/ready", dp.log()));
        RunState.write(settings.home(), running);
        stops.addLast(() -> RunState.clear(settings.home())); // the last thing a stop does
    }

    /** Supervises a started process, stopped (in reverse order of start) by {@link #stop()}. */
    synchronized void watch(ChildProcess process) {
        stops.push(() -> process.stop(Duration.ofSeconds(15)));
        watched.push(process);
    }

    /** Whether a stop has begun (Ctrl-C, a failed start, or a dead process). */
    boolean stopping() {
        return stopping;
    }

    /** The first watched process that died, or null while all run or once a stop has begun (it kills them). */
    synchronized ChildProcess deadProcess() {
        if (stopping) {
            return null;
        }
        return watched.stream().filter(process -> !process.isAlive()).findFirst().orElse(null);
    }

    void stop() {
        stopping = true;
        stopAll();
    }

    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                System.err.println("bulwark: while stopping: " + e.getMessage());
            }
        }
    }

    String databaseDescription() {
        return databaseDescription;
    }

    String redisDescription() {
        return redisDescription;
    }

    /** The data plane's settings: the shared ones under the gateway's own names, without what only the control plane needs. */
    static Map<String, String> gatewayEnvironment(Map<String, String> shared, LaunchSettings settings) {
        Map<String, String> gateway = new HashMap<>(shared);
        // The gateway connects out to the control plane with the bootstrap credential, and keeps the
        // last snapshot it applied, encrypted, so it serves even while the control plane is down.
        gateway.put("BULWARK_GW_CONTROL_PLANE_URL", "ws://127.0.0.1:" + settings.controlPlanePort() + "/sync/v1");
        gateway.put("BULWARK_GW_CREDENTIAL", shared.get(Secrets.SYNC_CREDENTIAL));
        gateway.put("BULWARK_GW_LKG_FILE", settings.home().resolve("gateway").resolve("last-known-good.bin").toString());
        gateway.remove(Secrets.SYNC_CREDENTIAL);
        // The gateway refuses unknown BULWARK_GW_* settings, and needs neither database nor KEK.
        gateway.remove("BULWARK_DB_URL");
        gateway.remove("BULWARK_DB_USER");
        gateway.remove("BULWARK_DB_PASSWORD");
        gateway.remove("BULWARK_CP_PORT");
        gateway.remove("BULWARK_DEFAULT_PRIVATE_UPSTREAM_CIDRS");
        gateway.remove("BULWARK_PLATFORM_ENDPOINTS");
        gateway.remove(Secrets.KEK);
        String keyPrefix = gateway.remove(REDIS_KEY_PREFIX);
        if (keyPrefix != null) {
            gateway.put("BULWARK_GW_REDIS_KEY_PREFIX", keyPrefix);
        }
        gateway.put("BULWARK_ENVIRONMENT", "production");
        return gateway;
    }
}
