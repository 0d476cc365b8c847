package dev.bulwark.contracts.event;

import dev.bulwark.contracts.policy.ThreatFamily;

/**
 * What an inspecting policy found in a request: the rule that matched, where, and what was done.
 * Carries no payload: the location names the input, never its value.
 *
 * @param ruleId   stable rule id, e.g. {@code sql-union-select} or {@code contract-type}
 * @param family   the injection family, or null for findings that are not injections (contract violations)
 * @param location the input, e.g. {@code query.q}, {@code header.user-agent}, {@code body/items/3/name}
 * @param blocked  true when the request was refused, false when only reported
 */
public record ThreatMatch(String ruleId, ThreatFamily family, String location, boolean blocked) {
}
