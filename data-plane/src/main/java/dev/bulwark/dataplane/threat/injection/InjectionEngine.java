package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.Prefilter;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import dev.bulwark.dataplane.threat.injection.input.MediaType;
import dev.bulwark.dataplane.threat.injection.input.RequestInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The injection engine: extracts every input of a request (path, query names and values, headers,
 * cookies, and the body by media type), normalises each value, skips values a schema types
 * precisely, and runs the enabled detectors until one matches. Immutable and shared across threads;
 * per-thread scratch state keeps a request's inspection free of allocation on the common path.
 *
 * <p>Two entry points follow the gateway's phases: {@link #inspectHead} when the request head has
 * arrived, {@link #inspectBody} once the body is buffered.
 */
public final class InjectionEngine {
    private static final ThreadLocal<Inspection> WORKSPACE = ThreadLocal.withInitial(Inspection::new);

    private final InspectionSettings settings;
    private final Detector[] detectors;
    private final Prefilter prefilter;
    private final PrefilterMode mode;

    public InjectionEngine(InspectionSettings settings) {
        this(settings, Detectors.all());
    }

    /** With extra detectors (the SQL family lives in its own package and is added by the caller). */
    public InjectionEngine(InspectionSettings settings, List<Detector> detectors) {
        this(settings, detectors, PrefilterMode.ON);
    }

    /** Every family, with the prefilter {@code ON} (the gateway), {@code OFF} (measurements) or in {@code AUDIT} (tests). */
    public InjectionEngine(InspectionSettings settings, PrefilterMode mode) {
        this(settings, Detectors.all(), mode);
    }

    public InjectionEngine(InspectionSettings settings, List<Detector> detectors, PrefilterMode mode) {
        this.settings = settings;
        this.mode = mode;
        List<Detector> enabled = new ArrayList<>();
        for (Detector detector : detectors) {
            if (settings.families().contains(detector.family())) {
                enabled.add(detector);
            }
        }
        this.detectors = enabled.toArray(Detector[]::new);
        this.prefilter = new Prefilter(this.detectors);
    }

    public InspectionSettings settings() {
        return settings;
    }

    public boolean inspects(ThreatFamily family) {
        for (Detector detector : detectors) {
            if (detector.family() == family) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inspects the path, the query and the headers.
     *
     * @param rawPath  the path as sent (percent-encoded), without the query
     * @param rawQuery the query string as sent, or null
     * @return the first detection, or null
     */
    public Detection inspectHead(CharSequence rawPath, CharSequence rawQuery, Iterable<Map.Entry<String, String>> headers,
                                 TypeHints hints) {
        Inspection inspection = WORKSPACE.get().begin(settings, detectors, prefilter, mode, hints)
                .sameSiteReferer(RequestInputs.sameSiteReferer(headers));
        RequestInputs.extract(rawPath, rawQuery, headers, inspection);
        return inspection.finish();
    }

    /** Inspects a buffered body by its media type; {@code length} bytes of {@code body} are read. */
    public Detection inspectBody(String contentType, byte[] body, int length, TypeHints hints) {
        Inspection inspection = WORKSPACE.get().begin(settings, detectors, prefilter, mode, hints);
        inspection.bodies().extract(MediaType.parse(contentType), body, length, inspection);
        return inspection.finish();
    }
}
