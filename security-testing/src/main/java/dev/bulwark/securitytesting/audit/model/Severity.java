package dev.bulwark.securitytesting.audit.model;


/** Declared from most to least severe; ordering relies on that. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO
}
