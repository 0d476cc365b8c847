package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the engine looks for: the families, how eagerly, and where not. */
public record InspectionSettings(Set<ThreatFamily> families, ThreatSensitivity sensitivity, List<Exclusion> exclusions) {
    public static final InspectionSettings DEFAULT = new InspectionSettings(EnumSet.allOf(ThreatFamily.class),
            ThreatSensitivity.DEFAULT, List.of());

    public InspectionSettings {
        families = families == null || families.isEmpty() ? EnumSet.allOf(ThreatFamily.class) : EnumSet.copyOf(families);
        sensitivity = sensitivity == null ? ThreatSensitivity.DEFAULT : sensitivity;
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }
}
