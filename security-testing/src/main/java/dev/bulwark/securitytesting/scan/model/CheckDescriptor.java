package dev.bulwark.securitytesting.scan.model;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;

/**
 * What a check tests, for reports, SARIF rules and the coverage map.
 *
 * @param needsWrites the check sends POST/PUT/PATCH/DELETE and is skipped on read-only scans
 */
public record CheckDescriptor(String id, String title, OwaspApiTop10 category, Severity severity, boolean needsWrites,
        String remediation) {
}
