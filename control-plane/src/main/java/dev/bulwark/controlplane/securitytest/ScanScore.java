package dev.bulwark.controlplane.securitytest;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's score, 0-100: 100 minus a penalty per check that found something, by the worst severity
 * it found (critical 30, high 15, medium 6, low 2, info 0). Counting checks rather than findings
 * keeps one flaw repeated on fifty operations from outweighing five different flaws.
 */
final class ScanScore {
    private ScanScore() {
    }

    static int of(List<ScanFinding> findings) {
        Map<String, Severity> worst = new HashMap<>();
        for (ScanFinding finding : findings) {
            worst.merge(finding.checkId(), finding.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        int penalty = worst.values().stream().mapToInt(ScanScore::penalty).sum();
        return Math.max(0, 100 - penalty);
    }

    private static int penalty(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 30;
            case HIGH -> 15;
            case MEDIUM -> 6;
            case LOW -> 2;
            case INFO -> 0;
        };
    }
}
