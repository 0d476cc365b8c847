package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;

/**
 * One detection rule: a stable id (security events, exclusions and docs name it), its family, the
 * sensitivity from which it fires ({@code default} rules fire at both levels, {@code strict} ones only
 * at strict), and what class of attack it stops.
 */
public record Rule(String id, ThreatFamily family, ThreatSensitivity sensitivity, String description) {
    public static Rule of(String id, ThreatFamily family, String description) {
        return new Rule(id, family, ThreatSensitivity.DEFAULT, description);
    }

    public static Rule strict(String id, ThreatFamily family, String description) {
        return new Rule(id, family, ThreatSensitivity.STRICT, description);
    }
}
