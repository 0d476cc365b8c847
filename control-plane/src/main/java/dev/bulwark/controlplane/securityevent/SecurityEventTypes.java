package dev.bulwark.controlplane.securityevent;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.policy.ThreatFamily;
import java.util.Arrays;
import java.util.Optional;

/**
 * The wire labels of {@link SecurityEventType} ({@code authentication-failure}, …) and {@link ThreatFamily}
 * ({@code sql}, {@code remote-inclusion}, …), stored and filtered on as text.
 */
final class SecurityEventTypes {
    private SecurityEventTypes() {
    }

    static String label(SecurityEventType type) {
        return label((Enum<?>) type);
    }

    /** The wire label of a security-event type or a threat family: lower case, dashes. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Optional<ThreatFamily> parseFamily(String label) {
        return Arrays.stream(ThreatFamily.values()).filter(family -> label(family).equals(label)).findFirst();
    }

    static String allFamilies() {
        return String.join(", ", Arrays.stream(ThreatFamily.values()).map(SecurityEventTypes::label).toList());
    }

    static Optional<SecurityEventType> parse(String label) {
        return Arrays.stream(SecurityEventType.values()).filter(type -> label(type).equals(label)).findFirst();
    }

    static String allLabels() {
        return String.join(", ", Arrays.stream(SecurityEventType.values()).map(SecurityEventTypes::label).toList());
    }
}
