package dev.bulwark.securitytesting.report;

import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import java.io.PrintWriter;
import java.io.Writer;
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
        report.document().convertedFrom().ifPresent(version -> out.println("(converted from Swagger " + version
                + "; locations name the converted OpenAPI 3.0 document, lines the original)"));
        out.println("Score " + report.score().value() + "/100, grade " + report.score().grade() + " (security "
                + report.score().security() + ", data validation " + report.score().dataValidation() + "); "
                + summary(report.countBySeverity()));
        for (Finding finding : report.findings()) {
            out.println();
            String line = report.document().nearestPosition(finding.location())
                    .map(p -> " (line " + p.line() + ")").orElse("");
            out.println(finding.severity() + "  " + finding.ruleId() + "  [" + finding.owaspCategory().label() + "]");
            out.println("  at " + display(finding) + line);
            out.println("  " + finding.message());
            if (finding.operations().size() > 1) {
                out.println("  Affects " + finding.operations().size() + " operations: " + abbreviate(finding.operations()));
            }
            out.println("  Fix: " + finding.remediation());
        }
        threats.ifPresent(model -> writeThreats(model, out));
        out.flush();
    }

    private static void writeThreats(ThreatModel model, PrintWriter out) {
        out.println();
        out.print(ThreatModelMarkdown.render(model));
    }

    private static String abbreviate(List<String> operations) {
        int shown = Math.min(operations.size(), 5);
        String list = String.join(", ", operations.subList(0, shown));
        return operations.size() > shown ? list + ", … (" + (operations.size() - shown) + " more)" : list;
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
