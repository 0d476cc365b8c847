package dev.bulwark.securitytesting.report;

import dev.bulwark.securitytesting.threatmodel.Control;
import dev.bulwark.securitytesting.threatmodel.Threat;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The threat model as a Markdown page: overview tables, then the threats of each operation. */
public final class ThreatModelMarkdown {

    private ThreatModelMarkdown() {}

    public static String render(ThreatModel model) {
        StringBuilder md = new StringBuilder();
        ThreatModel.Api api = model.api();
        md.append("# Threat model: ").append(cell(api.title())).append(' ').append(cell(api.version())).append("\n\n");
        md.append(api.specification()).append(", ").append(api.operations()).append(" operations, ")
                .append(api.webhooks()).append(" webhooks, ").append(model.threats().size()).append(" threats. ")
                .append(model.gatewayKnown() ? "Gateway policies as attached." : "Gateway policies not known: "
                        + "controls are listed, not assessed.").append("\n\n");
        md.append("## Assets\n\n| asset | data | properties | read by | written by |\n|---|---|---|---|---|\n");
        for (ThreatModel.Asset a : model.assets()) {
            md.append("| `").append(cell(a.name())).append("` | ").append(a.classes().stream().map(Enum::name)
                    .map(String::toLowerCase).collect(Collectors.joining(", "))).append(" | ")
                    .append(list(a.properties())).append(" | ").append(a.readBy().size()).append(" | ")
                    .append(a.writtenBy().size()).append(" |\n");
        }
        md.append("\n## Actors\n\n| actor | who | operations within reach |\n|---|---|---|\n");
        for (ThreatModel.Actor a : model.actors()) {
            md.append("| ").append(a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" | ")
                    .append(cell(a.description())).append(" | ").append(a.reaches().size()).append(" |\n");
        }
        md.append("\n## Trust boundaries\n\n| boundary | from → to | controls | crossings |\n|---|---|---|---|\n");
        for (ThreatModel.TrustBoundary b : model.trustBoundaries()) {
            md.append("| ").append(b.name()).append(" | ").append(b.from()).append(" → ").append(b.to()).append(" | ")
                    .append(b.controls().isEmpty() ? "none at the gateway" : b.controls().stream()
                            .map(c -> "`" + c.policy() + "` " + c.state().name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(b.crossings().size()).append(" |\n");
        }
        md.append("\n## Entry points\n\n| operation | security (document) | gateway policies | inputs |\n|---|---|---|---|\n");
        for (ThreatModel.EntryPoint e : model.entryPoints()) {
            md.append("| `").append(cell(e.operation())).append("` | ").append(list(e.documentedSecurity()))
                    .append(" | ").append(list(e.gatewayPolicies())).append(" | ")
                    .append(list(e.inputs().stream().map(i -> i.name() + " (" + i.in() + ")").toList())).append(" |\n");
        }
        md.append("\n## Threats\n");
        Map<String, List<Threat>> byOperation = model.threats().stream()
                .collect(Collectors.groupingBy(Threat::operationKey, LinkedHashMap::new, Collectors.toList()));
        byOperation.forEach((operation, threats) -> {
            md.append("\n### `").append(cell(operation)).append("`\n\n")
                    .append("| id | STRIDE | OWASP | targets | threat | gateway controls | status |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (Threat t : threats) {
                md.append("| ").append(t.id()).append(" | ").append(t.strideCategory().label()).append(" | ")
                        .append(t.owaspCategory().id()).append(" | ").append(list(t.targets())).append(" | ")
                        .append(cell(t.description())).append(" ").append(cell(t.mitigation())).append(" | ")
                        .append(controls(t.controls())).append(" | ").append(t.status().name().toLowerCase(Locale.ROOT)
                                .replace('_', ' ')).append(" |\n");
            }
        });
        return md.toString();
    }

    private static String controls(List<Control> controls) {
        return controls.isEmpty() ? "none at the gateway" : controls.stream()
                .map(c -> "`" + c.label() + "` " + c.state().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "–" : cell(String.join(", ", values));
    }

    /** Table cells cannot hold pipes or line breaks. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
