package dev.bulwark.securitytesting.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bulwark-audit}: the CI command line. {@code audit} judges a document (exit code for
 * gates), {@code threat-model} writes its threat model, {@code scan} tests the running API.
 */
@Command(name = "bulwark-audit", mixinStandardHelpOptions = true, versionProvider = BulwarkAudit.Version.class,
        description = "OpenAPI security audit, threat model and active scan (OWASP API Security Top 10, 2023).",
        subcommands = {AuditCommand.class, ThreatModelCommand.class, ScanCommand.class, CommandLine.HelpCommand.class})
public final class BulwarkAudit implements Runnable {

    /** The gates passed (audit) or the output was written (threat-model). */
    public static final int PASSED = 0;
    /** A gate failed: a score below its --fail-under, or a finding at or above --fail-on. */
    public static final int GATE_FAILED = 1;
    /** Invalid command line. */
    public static final int USAGE = 2;
    /** The document cannot be read, parsed or converted. */
    public static final int UNREADABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        return commandLine(System::getenv);
    }

    /** @param environment where {@code scan} reads its credential variables */
    public static CommandLine commandLine(java.util.function.Function<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ScanCommand.class ? type.cast(new ScanCommand(environment)) : defaults.create(type);
            }
        };
        return new CommandLine(new BulwarkAudit(), factory).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: audit, threat-model or scan");
    }

    /** Version from the jar manifest, so the binary reports what it was built as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BulwarkAudit.class.getPackage().getImplementationVersion();
            return new String[] {"bulwark-audit " + (version == null ? "development build" : version)};
        }
    }
}
