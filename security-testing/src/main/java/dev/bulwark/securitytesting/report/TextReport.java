package dev.bulwark.securitytesting.report;

import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.threatmodel.Threat;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plain-text report for terminals and CI logs. */
public final class TextReport {

    private TextReport() {}

    public static void write(AuditReport report, Optional<ThreatModel> threats, Writer destination) {
        PrintWriter out = new PrintWriter(destination);
        out.println("Bulwark API audit: " + report.document().origin());
        out.println("Score " + report.score().value() + "/100, grade " + report.score().grade() + "; "
                + summary(report.countBySeverity()));
        for (Finding finding : report.findings()) {
            out.println();
            String line = report.document().source().nearestPosition(finding.location())
                    .map(p -> " (line " + p.line() + ")").orElse("");
            out.println(finding.severity() + "  " + finding.ruleId() + "  [" + finding.owaspCategory().label() + "]");
            out.println("  at " + display(finding) + line);
            out.println("  " + finding.message());
            out.println("  Fix: " + finding.remediation());
        }
        threats.ifPresent(model -> writeThreats(model, out));
        out.flush();
    }

    private static void writeThreats(ThreatModel model, PrintWriter out) {
        out.println();
        out.println("Threat model (STRIDE): " + model.threats().size() + " threats over "
                + model.operations().size() + " operations");
        Map<String, List<Threat>> byOperation = model.threats().stream()
                .collect(Collectors.groupingBy(Threat::operationKey, LinkedHashMap::new, Collectors.toList()));
        byOperation.forEach((operation, threats) -> {
            out.println();
            out.println(operation);
            for (Threat threat : threats) {
                out.println("  " + threat.strideCategory().label() + " [" + threat.owaspCategory().id() + "]: "
                        + threat.description());
                out.println("    Mitigation: " + threat.mitigation());
            }
        });
    }

    private static String display(Finding finding) {
        return finding.location().isRoot() ? "(document)" : finding.location().toString();
    }

    static String summary(Map<Severity, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "no findings";
        }
        return total + (total == 1 ? " finding (" : " findings (") + counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ")";
    }
}
