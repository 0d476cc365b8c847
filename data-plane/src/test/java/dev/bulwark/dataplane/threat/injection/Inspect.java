package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Test helper: runs the engine on one value the way it arrives in a request. */
final class Inspect {
    /**
     * In prefilter audit mode: every detector reads every value, and a finding of a detector whose
     * declaration the value does not meet fails the test, so each family's tests also prove its
     * declaration on their payloads.
     */
    static final InjectionEngine DEFAULT = new InjectionEngine(InspectionSettings.DEFAULT, PrefilterMode.AUDIT);
    static final InjectionEngine STRICT = new InjectionEngine(new InspectionSettings(EnumSet.allOf(
            dev.bulwark.contracts.policy.ThreatFamily.class), ThreatSensitivity.STRICT, List.of()), PrefilterMode.AUDIT);

    private Inspect() {
    }

    /** The value as a percent-encoded query parameter {@code q}. */
    static Detection query(String value) {
        return query(DEFAULT, value);
    }

    static Detection query(InjectionEngine engine, String value) {
        return engine.inspectHead("/", "q=" + URLEncoder.encode(value, StandardCharsets.UTF_8), List.of(), TypeHints.NONE);
    }

    /** The value as a JSON string in a body ({@code {"v": value}}). */
    static Detection json(String value) {
        StringBuilder body = new StringBuilder("{\"v\":\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                body.append('\\').append(c);
            } else if (c < 0x20) {
                body.append(String.format("\\u%04x", (int) c));
            } else {
                body.append(c);
            }
        }
        byte[] bytes = body.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
        return DEFAULT.inspectBody("application/json", bytes, bytes.length, TypeHints.NONE);
    }

    static Detection header(String name, String value) {
        return DEFAULT.inspectHead("/", null, List.of(Map.entry(name, value)), TypeHints.NONE);
    }

    static Detection body(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return DEFAULT.inspectBody(contentType, bytes, bytes.length, TypeHints.NONE);
    }
}
