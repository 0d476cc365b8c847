package dev.bulwark.securitytesting.cli;

/** Output formats of the command line. */
public enum ReportFormat {
    /** Human-readable, for terminals and CI logs. */
    TEXT,
    /** Bulwark's own JSON shape, for scripts. */
    JSON,
    /** SARIF 2.1.0, for code-scanning services (GitHub, GitLab) and IDEs. */
    SARIF
}
