package dev.bulwark.dataplane.model;

/**
 * One reason among several a request was refused, listed in the problem body's {@code errors}
 * member: where, and why, never the offending value.
 *
 * @param location e.g. {@code query.limit}, {@code body/items/3/price}
 * @param reason   short, made by the gateway, e.g. {@code must be an integer}
 */
public record Violation(String location, String reason) {
}
