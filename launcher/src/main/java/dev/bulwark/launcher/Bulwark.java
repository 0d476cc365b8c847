package dev.bulwark.launcher;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ./bulwark up}: the whole platform on one command, stopped by Ctrl-C with nothing left behind. */
public final class Bulwark {
    private Bulwark() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        if (!command.equals("up")) {
            System.err.println("usage: ./bulwark up    (see README.md for the environment variables)");
            System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
        }
        System.exit(up(System.getenv()));
    }

    static int up(Map<String, String> environment) {
        LaunchSettings settings;
        InstanceLock lock;
        try {
            settings = LaunchSettings.from(environment);
            lock = InstanceLock.acquire(settings.home());
            Ports.requireFree(settings.controlPlanePort(), "BULWARK_CP_PORT");
            Ports.requireFree(settings.gatewayPort(), "BULWARK_GW_PORT");
            Ports.requireFree(settings.gatewayStatusPort(), "BULWARK_GW_STATUS_PORT");
        } catch (LaunchException e) {
            System.err.println("bulwark: " + e.getMessage());
            return 1;
        }
        Platform platform = new Platform(settings, environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            platform.stop();
            lock.close();
            stopped.countDown();
        }, "bulwark-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            System.out.println("Starting Bulwark (data and logs in " + settings.home() + ") ...");
            platform.start();
        } catch (LaunchException e) {
            System.err.println("bulwark: " + e.getMessage());
            platform.stop();
            return 1;
        }
        printWelcome(settings, platform);
        return superviseUntilStopped(platform, stopped);
    }

    /**
     * Waits for the shutdown hook to finish stopping; returns 1 if a process died first. A process
     * dying while a stop is under way is the stop itself (Ctrl-C also signals the children, which
     * may die a moment before the hook starts), so that is not reported.
     */
    static int superviseUntilStopped(Platform platform, CountDownLatch stopped) {
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                ChildProcess dead = platform.deadProcess();
                if (dead != null && !stopped.await(2, TimeUnit.SECONDS) && !platform.stopping()) {
                    System.err.println("bulwark: the " + dead.name() + " stopped unexpectedly; see " + dead.log() + ". Stopping everything.");
                    platform.stop();
                    return 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printWelcome(LaunchSettings settings, Platform platform) {
        String cp = "http://127.0.0.1:" + settings.controlPlanePort();
        String gw = "http://127.0.0.1:" + settings.gatewayPort();
        String status = "http://127.0.0.1:" + settings.gatewayStatusPort();
        System.out.println();
        System.out.println("Bulwark is up.");
        System.out.println("  Control plane : " + cp + "   (portal at /, API at /api/v1, health at /health/ready)");
        System.out.println("  Gateway       : " + gw + "   (health and metrics at " + status + "/health/ready and /metrics)");
        System.out.println("  Database      : " + platform.databaseDescription());
        System.out.println("  Redis         : " + platform.redisDescription());
        System.out.println("  Logs          : " + settings.home().resolve("logs"));
        System.out.println();
        System.out.println("First things to try:");
        System.out.println("  1. Open " + cp + "/ and sign up: you become the owner of a new tenant.");
        System.out.println("  2. curl -s " + status + "/health/ready        # the gateway's state and snapshot version");
        System.out.println("  3. curl -si " + gw + "/hello                   # 404 problem+json until you publish an API");
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
    }
}
