package dev.bulwark.securitytesting.report;

import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.io.PrintWriter;
import java.io.Writer;

/** A scan for terminals and CI logs: one block per finding, evidence indented. */
public final class ScanTextReport {
    private ScanTextReport() {
    }

    public static void write(ScanReport report, Writer destination) {
        PrintWriter out = new PrintWriter(destination);
        out.println("Scan of " + report.target() + ": " + report.outcome() + ", " + report.requestsSent() + " requests ("
                + (report.writesAllowed() ? "writes allowed" : "read-only") + "), " + report.findings().size() + " findings");
        for (ScanFinding finding : report.findings()) {
            out.println();
            out.println("[" + finding.severity() + "] " + finding.checkId() + " (" + finding.owaspCategory().label() + ")");
            out.println("  " + finding.operation() + (finding.parameter() == null ? "" : " — " + finding.parameter()));
            out.println("  " + finding.message());
            out.println("  Fix: " + finding.remediation());
            if (!finding.evidence().isBlank()) {
                out.println("  Evidence:");
                finding.evidence().lines().forEach(line -> out.println("    " + line));
            }
        }
        out.flush();
    }
}
