package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.dataplane.threat.injection.detect.CommandDetector;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.JavaDetector;
import dev.bulwark.dataplane.threat.injection.detect.NoSqlDetector;
import dev.bulwark.dataplane.threat.injection.detect.NodeDetector;
import dev.bulwark.dataplane.threat.injection.detect.PhpDetector;
import dev.bulwark.dataplane.threat.injection.detect.ProtocolDetector;
import dev.bulwark.dataplane.threat.injection.detect.RemoteInclusionDetector;
import dev.bulwark.dataplane.threat.injection.detect.Rule;
import dev.bulwark.dataplane.threat.injection.detect.SessionFixationDetector;
import dev.bulwark.dataplane.threat.injection.detect.TemplateDetector;
import dev.bulwark.dataplane.threat.injection.detect.TraversalDetector;
import dev.bulwark.dataplane.threat.injection.detect.XssDetector;
import java.util.List;

/**
 * Every detector, in the order the engine consults them: the families whose rules are most
 * specific first, so that a value matching several is reported under its most telling rule.
 */
public final class Detectors {
    private static final List<Detector> ALL = all(new JavaDetector(), new NodeDetector(), new NoSqlDetector(), new PhpDetector(),
            new ProtocolDetector(), new SessionFixationDetector(), new CommandDetector(), new RemoteInclusionDetector(),
            new TraversalDetector(), new XssDetector());

    private Detectors() {
    }

    public static List<Detector> all() {
        return ALL;
    }

    private static List<Detector> all(Detector... first) {
        List<Detector> detectors = new java.util.ArrayList<>(List.of(first));
        detectors.add(new SqlFamily());
        detectors.add(new TemplateDetector());
        return List.copyOf(detectors);
    }

    /** The rule catalogue: every rule of every detector. */
    public static List<Rule> rules() {
        return ALL.stream().flatMap(detector -> detector.rules().stream()).toList();
    }
}
