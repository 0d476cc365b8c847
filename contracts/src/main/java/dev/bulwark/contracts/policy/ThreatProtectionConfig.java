package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Violations;
import java.util.List;

@Doc("Injection detection over every input of a request (path, query, headers, cookies, body by media type): SQL, XSS, OS "
        + "command, path traversal, remote inclusion and SSRF, NoSQL, template, Java, PHP, Node, protocol and session-fixation "
        + "attacks. Blocks with 403 INJECTION_DETECTED or reports and forwards.")
public record ThreatProtectionConfig(
        @Doc("block: refuse a request with an attack (403) and record a security event; report: record it and forward. "
                + "Default: block.") EnforcementMode mode,
        @Doc("default: rules that stay quiet on ordinary traffic; strict: also rules that fire on some legitimate inputs "
                + "(any tag, any template placeholder, any absolute URL). Default: default.") ThreatSensitivity sensitivity,
        @Doc("Families looked for. Default (empty): all.") List<ThreatFamily> families,
        @Doc("Locations, families and rules left out.") List<ThreatExclusion> exclusions,
        @Range(min = 1_024, max = 104_857_600) @Doc("Largest request body inspected, in bytes; a larger body is refused with "
                + "413 (the gateway never forwards a body it did not inspect). Default: 1048576 (1 MiB).") Long maxInspectedBodyBytes)
        implements PolicyConfig {

    public static final long DEFAULT_MAX_INSPECTED_BODY_BYTES = 1_048_576;
    public static final int MAX_EXCLUSIONS = 200;

    public ThreatProtectionConfig {
        mode = mode == null ? EnforcementMode.BLOCK : mode;
        sensitivity = sensitivity == null ? ThreatSensitivity.DEFAULT : sensitivity;
        families = families == null ? List.of() : List.copyOf(families);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        maxInspectedBodyBytes = maxInspectedBodyBytes == null ? DEFAULT_MAX_INSPECTED_BODY_BYTES : maxInspectedBodyBytes;
    }

    @Override
    public void validateRules(Violations v) {
        v.require(exclusions.size() <= MAX_EXCLUSIONS, "exclusions", "must list at most " + MAX_EXCLUSIONS + " exclusions");
        for (int i = 0; i < families.size(); i++) {
            v.require(families.get(i) != null, "families[" + i + "]", "must be a threat family");
        }
        for (int i = 0; i < exclusions.size(); i++) {
            ThreatExclusion exclusion = exclusions.get(i);
            if (exclusion == null) {
                v.add("exclusions[" + i + "]", "must not be null");
            } else {
                exclusion.validate(v.at("exclusions", i));
            }
        }
    }
}
