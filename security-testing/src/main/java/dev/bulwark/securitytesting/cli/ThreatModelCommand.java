package dev.bulwark.securitytesting.cli;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.report.ThreatModelJson;
import dev.bulwark.securitytesting.report.ThreatModelMarkdown;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code threat-model <file>}: writes the document's threat model as JSON or a Markdown page. */
@Command(name = "threat-model", mixinStandardHelpOptions = true,
        description = "Writes the STRIDE threat model of an OpenAPI document: assets, actors, entry points, trust "
                + "boundaries, data flows and threats per operation.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:invalid command line", "3:the document cannot be read, parsed or converted"})
public final class ThreatModelCommand implements Callable<Integer> {

    /** Output formats of the threat model. */
    enum Format { JSON, MARKDOWN }

    @Spec
    private CommandSpec spec;

    @Mixin
    private DocumentOptions document;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "json|markdown",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        Optional<ApiDocument> loaded = document.load(spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return BulwarkAudit.UNREADABLE;
        }
        ThreatModel model = ThreatModeler.model(loaded.get(), document.gateway());
        if (output == null) {
            write(model, spec.commandLine().getOut());
        } else {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                write(model, out);
            }
        }
        return BulwarkAudit.PASSED;
    }

    private void write(ThreatModel model, Writer out) throws IOException {
        if (format == Format.JSON) {
            ThreatModelJson.write(model, out);
        } else {
            out.write(ThreatModelMarkdown.render(model));
        }
        out.flush();
    }
}
