package dev.bulwark.controlplane.securityevent;

import dev.bulwark.contracts.event.SecurityEventType;
import java.util.Arrays;
import java.util.Optional;

/** The wire labels of {@link SecurityEventType} ({@code authentication-failure}, …), stored and filtered on as text. */
final class SecurityEventTypes {
    private SecurityEventTypes() {
    }

    static String label(SecurityEventType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Optional<SecurityEventType> parse(String label) {
        return Arrays.stream(SecurityEventType.values()).filter(type -> label(type).equals(label)).findFirst();
    }

    static String allLabels() {
        return String.join(", ", Arrays.stream(SecurityEventType.values()).map(SecurityEventTypes::label).toList());
    }
}
