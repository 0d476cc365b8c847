package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;

/**
 * What the engine found: the rule that matched, its family, where ({@code query.q},
 * {@code body/items/3/name}), and a short excerpt of the normalised value for the security event
 * (null where the value may be a secret: credentials, cookies, tokens).
 */
public record Detection(String ruleId, ThreatFamily family, String location, String excerpt) {
}
