package dev.bulwark.controlplane.incident.response;

import dev.bulwark.controlplane.incident.Detector;
import dev.bulwark.controlplane.incident.IncidentView;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What Bulwark may do by itself when a detector opens an incident. */
enum ResponseAction {
    /** Deny the incident's client address on every API of the tenant. */
    BLOCK_ADDRESS("block-address"),
    /** Leave every key of the incident's application out of the gateways' snapshots. */
    SUSPEND_APPLICATION("suspend-application");

    /** Detectors whose incidents name a client address or an application (the others name an API). */
    static final Set<Detector> RESPONDING = Set.of(Detector.CREDENTIAL_STUFFING, Detector.ENUMERATION, Detector.INJECTION_BURST,
            Detector.CONTRACT_VIOLATION_BURST);

    private final String label;

    ResponseAction(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Optional<ResponseAction> parse(String label) {
        return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(ResponseAction::label).toList();
    }

    /** The target within {@code incident} (a CIDR or an application id), or empty when it names none. */
    Optional<String> target(IncidentView incident) {
        return switch (this) {
            case BLOCK_ADDRESS -> "client-address".equals(incident.subjectKind())
                    ? Optional.of(incident.subject() + (incident.subject().contains(":") ? "/128" : "/32")) : Optional.empty();
            case SUSPEND_APPLICATION -> Optional.ofNullable(incident.applicationId());
        };
    }
}
