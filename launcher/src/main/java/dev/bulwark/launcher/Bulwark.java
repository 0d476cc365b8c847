package dev.bulwark.launcher;

import dev.bulwark.launcher.declarative.DeclarativeCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bulwark}: the whole platform on one command ({@code up}), stopped by Ctrl-C or
 * {@code ./bulwark stop} with nothing left behind, plus {@code status}, {@code logs} and {@code reset}.
 */
public final class Bulwark {
    private Bulwark() {
    }

    static final String HELP = """
            Bulwark: API management with security first. Runs the whole platform on this machine.

            usage: ./bulwark <command>

              up                  build what is missing or out of date, then start PostgreSQL, Redis,
                                  the control plane and a gateway; Ctrl-C (or ./bulwark stop) stops them
              status              each process, its pid, address and health (exit 0 when all are healthy)
              stop                stop a platform started from this folder, from another terminal
              logs <process>      show and follow one log: control-plane, data-plane, redis, postgres
                                  (--no-follow prints the last lines and returns; --lines N, default 50)
              reset               delete the data folder (database, Redis data, logs, secrets), after
                                  asking (--yes skips the question); refused while running
              export [-f dir]     write this tenant's APIs, plans, developers and applications as YAML
              diff -f dir         what apply would change (exit 0: nothing, 2: changes) [--prune]
              apply -f dir        make the tenant match the files, through /api/v1 [--dry-run] [--prune]
                                  (these three read BULWARK_URL and BULWARK_TOKEN, a tenant automation
                                  token: see docs/declarative-config.md)
              help                this text

            Data, logs and generated secrets live in ./.bulwark (BULWARK_HOME). Ports and external
            services are set with environment variables: see README.md.
            """;

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        if (command.equals("up")) {
            return up(environment);
        }
        if (DeclarativeCommands.NAMES.contains(command)) {
            return DeclarativeCommands.run(args, environment, System.out, System.err);
        }
        if (List.of("help", "--help", "-h").contains(command)) {
            System.out.print(HELP);
            return 0;
        }
        Commands commands = new Commands(LaunchSettings.from(environment).home(), System.out, System.err);
        List<String> options = List.of(args).subList(1, args.length);
        try {
            return switch (command) {
                case "status" -> commands.status();
                case "stop" -> commands.stop(Duration.ofSeconds(90));
                case "logs" -> commands.logs(processName(options), lines(options), !options.contains("--no-follow"));
                case "reset" -> commands.reset(options.contains("--yes"), Commands.stdin());
                default -> {
                    System.err.println("bulwark: unknown command '" + command + "'\n");
                    System.err.print(HELP);
                    yield 2;
                }
            };
        } catch (LaunchException e) {
            System.err.println("bulwark: " + e.getMessage());
            return 1;
        }
    }

    /** The first argument that is neither an option nor the value of {@code --lines}. */
    private static String processName(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals("--lines")) {
                i++;
            } else if (!options.get(i).startsWith("--")) {
                return options.get(i);
            }
        }
        return null;
    }

    private static int lines(List<String> options) {
        int at = options.indexOf("--lines");
        if (at >= 0 && at + 1 < options.size() && options.get(at + 1).matches("\\d{1,6}")) {
            return Integer.parseInt(options.get(at + 1));
        }
        return 50;
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
