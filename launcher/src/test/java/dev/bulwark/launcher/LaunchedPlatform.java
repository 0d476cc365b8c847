package dev.bulwark.launcher;

import java.util.Map;

/**
 * For end-to-end tests: the platform started by {@code ./bulwark up}'s own code path ({@link Bulwark#up}
 * without its Ctrl-C wait): settings read from the environment variables the README documents, the data
 * folder's lock, the port checks, then {@link Platform#start()}. {@link #close()} stops everything it started.
 */
public final class LaunchedPlatform implements AutoCloseable {
    private final LaunchSettings settings;
    private final InstanceLock lock;
    private final Platform platform;

    private LaunchedPlatform(LaunchSettings settings, InstanceLock lock, Platform platform) {
        this.settings = settings;
        this.lock = lock;
        this.platform = platform;
    }

    /** Starts what {@code ./bulwark up} starts with {@code environment} as its process environment. */
    public static LaunchedPlatform up(Map<String, String> environment) {
        LaunchSettings settings = LaunchSettings.from(environment);
        InstanceLock lock = InstanceLock.acquire(settings.home());
        Platform platform = new Platform(settings, environment);
        try {
            Ports.requireFree(settings.controlPlanePort(), "BULWARK_CP_PORT");
            Ports.requireFree(settings.gatewayPort(), "BULWARK_GW_PORT");
            Ports.requireFree(settings.gatewayStatusPort(), "BULWARK_GW_STATUS_PORT");
            platform.start();
        } catch (RuntimeException e) {
            platform.stop();
            lock.close();
            throw e;
        }
        return new LaunchedPlatform(settings, lock, platform);
    }

    public LaunchSettings settings() {
        return settings;
    }

    /** Whether every process it started still runs. */
    public boolean allAlive() {
        return platform.deadProcess() == null;
    }

    @Override
    public void close() {
        platform.stop();
        lock.close();
    }
}
