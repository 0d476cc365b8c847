package dev.bulwark.launcher.declarative;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark export | diff | apply}: a tenant's configuration as files, managed as code. Talks
 * only to the control plane's public {@code /api/v1}, as a tenant automation token
 * ({@code BULWARK_TOKEN}) at {@code BULWARK_URL} (default {@code http://127.0.0.1:$BULWARK_CP_PORT}).
 * Exit codes: 0 done / no changes, 1 error, 2 {@code diff} found changes, 64 usage error.
 */
public final class DeclarativeCommands {
    /** The top-level names this class handles. */
    public static final List<String> NAMES = List.of("export", "diff", "apply");
    static final int CHANGES = 2;
    static final int USAGE = 64;

    private DeclarativeCommands() {
    }

    /** Runs {@code args} (the command name first); returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Context context = new Context(environment, out, err);
        CommandLine line = new CommandLine(new Root())
                .addSubcommand(new CommandLine(new Export(context)))
                .addSubcommand(new CommandLine(new Diff(context)))
                .addSubcommand(new CommandLine(new Apply(context)));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            err.println("bulwark: " + (error instanceof CliException || error.getMessage() != null ? error.getMessage()
                    : error.getClass().getSimpleName()));
            return 1;
        });
        return line.execute(args);
    }

    @Command(name = "bulwark", exitCodeOnInvalidInput = USAGE, description = "Bulwark configuration as code.")
    static final class Root {
    }

    record Context(Map<String, String> environment, PrintStream out, PrintStream err) {
        ControlPlaneClient client() {
            String token = environment.get("BULWARK_TOKEN");
            if (token == null || token.isBlank()) {
                throw new CliException("BULWARK_TOKEN is not set: create an automation token in the console "
                        + "(Settings → Automation tokens) or with POST /api/v1/automation-tokens");
            }
            String url = environment.getOrDefault("BULWARK_URL",
                    "http://127.0.0.1:" + environment.getOrDefault("BULWARK_CP_PORT", "8080"));
            return new ControlPlaneClient(url, token.strip());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = USAGE,
            description = "Write the tenant's APIs, plans, developers, applications and subscriptions as YAML into a directory.")
    static final class Export implements Callable<Integer> {
        private final Context context;

        @Option(names = {"-f", "--dir"}, defaultValue = "bulwark-config", description = "Target directory (default: ${DEFAULT-VALUE}).")
        Path dir;

        Export(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            TenantConfig config = LiveTenant.fetch(context.client()).config;
            ConfigFiles.write(dir, config);
            context.out().println("Exported " + config.apis().size() + " API(s) and " + config.developers().size()
                    + " developer(s) to " + dir);
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = USAGE,
            description = "Show what apply would change. Exit code 0: no changes, 2: changes, 1: error.")
    static final class Diff implements Callable<Integer> {
        private final Context context;

        @Option(names = {"-f", "--dir"}, required = true, description = "Directory written by export (or by hand).")
        Path dir;

        @Option(names = "--prune", description = "Also show what exists on the server but not in the files (as delete).")
        boolean prune;

        Diff(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            TenantConfig desired = ConfigFiles.read(dir);
            List<Change> changes = Differ.changes(desired, LiveTenant.fetch(context.client()).config, prune);
            return Report.print(changes, context.out()) ? CHANGES : 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = USAGE,
            description = "Make the tenant match the directory: creates and updates (with If-Match), idempotently.")
    static final class Apply implements Callable<Integer> {
        private final Context context;

        @Option(names = {"-f", "--dir"}, required = true, description = "Directory written by export (or by hand).")
        Path dir;

        @Option(names = "--prune", description = "Also retire APIs that are not in the files.")
        boolean prune;

        @Option(names = "--dry-run", description = "Print the changes and stop: nothing is sent but reads.")
        boolean dryRun;

        Apply(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            TenantConfig desired = ConfigFiles.read(dir);
            ControlPlaneClient client = context.client();
            LiveTenant live = LiveTenant.fetch(client);
            List<Change> changes = Differ.changes(desired, live.config, prune);
            boolean any = Report.print(changes, context.out());
            if (!any) {
                return 0;
            }
            if (dryRun) {
                context.out().println("Dry run: nothing was changed.");
                return 0;
            }
            context.out().println("Applying:");
            new Applier(client, live, context.out()).apply(changes);
            context.out().println("Applied.");
            return 0;
        }
    }
}
