package dev.bulwark.contracts.schema;

/**
 * One reason a configuration was refused.
 *
 * @param path    the field path, e.g. {@code policies[1].config.headerName}
 * @param message what is wrong, for a human
 */
public record Violation(String path, String message) {
}
