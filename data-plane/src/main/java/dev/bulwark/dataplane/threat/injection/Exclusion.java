package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;
import java.util.Set;

/**
 * Turns detection off at a location: for everything (no families, no rules), for some families,
 * or for some rule ids. A rule-level exclusion drops that rule's finding; the family's other rules
 * are not consulted again for that value (one finding per detector).
 */
public record Exclusion(LocationPattern location, Set<ThreatFamily> families, Set<String> ruleIds) {
    public Exclusion {
        families = families == null ? Set.of() : Set.copyOf(families);
        ruleIds = ruleIds == null ? Set.of() : Set.copyOf(ruleIds);
    }

    public static Exclusion of(String location, Set<ThreatFamily> families, Set<String> ruleIds) {
        return new Exclusion(new LocationPattern(location), families, ruleIds);
    }

    /** Excludes the whole location (no family or rule named). */
    public boolean everything() {
        return families.isEmpty() && ruleIds.isEmpty();
    }
}
