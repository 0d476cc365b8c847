package dev.bulwark.dataplane.policy.threat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.schema.RecordSchemas;
import java.util.List;

/** Threat families by the names the configuration, events and docs use ({@code remote-inclusion}). */
final class Families {
    private static final List<String> NAMES = RecordSchemas.enumWireNames(ThreatFamily.class);

    private Families() {
    }

    static String wireName(ThreatFamily family) {
        return NAMES.get(family.ordinal());
    }
}
