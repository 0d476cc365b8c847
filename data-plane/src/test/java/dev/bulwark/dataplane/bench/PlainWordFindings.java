package dev.bulwark.dataplane.bench;

import dev.bulwark.dataplane.threat.injection.Detection;
import dev.bulwark.dataplane.threat.injection.InjectionEngine;
import dev.bulwark.dataplane.threat.injection.InspectionSettings;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which rules fire on a value of letters and digits alone: the question a byte-class prefilter must
 * answer before it may skip a plain value. Reads every alphanumeric word of the files given (the
 * engine's word lists and sources), in lower and upper case, and inspects each as a body, a query
 * value, a query name and a path segment, counting findings per rule. A profiling aid, never part of
 * {@code mvn verify}:
 * {@code java -cp <test class path> dev.bulwark.dataplane.bench.PlainWordFindings data-plane/src/main/resources/dev/bulwark/dataplane/threat/injection/detect/*.txt data-plane/src/main/java/dev/bulwark/dataplane/threat/injection/sql/SqlKeywords.java data-plane/src/main/java/dev/bulwark/dataplane/threat/injection/detect/*.java}.
 */
public final class PlainWordFindings {
    private PlainWordFindings() {
    }

    public static void main(String[] files) throws IOException {
        Set<String> words = new TreeSet<>();
        for (String file : files) {
            for (String word : Files.readString(Path.of(file)).split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                    words.add(word.toUpperCase(Locale.ROOT));
                }
            }
        }
        InjectionEngine engine = new InjectionEngine(InspectionSettings.DEFAULT);
        Map<String, Set<String>> byRule = new TreeMap<>();
        for (String word : words) {
            byte[] body = word.getBytes(StandardCharsets.UTF_8);
            List<Detection> found = new ArrayList<>();
            found.add(engine.inspectBody("text/plain", body, body.length, TypeHints.NONE));
            found.add(engine.inspectHead("/x", "q=" + word, List.of(), TypeHints.NONE));
            found.add(engine.inspectHead("/x", word + "=1", List.of(), TypeHints.NONE));
            found.add(engine.inspectHead("/" + word, null, List.of(), TypeHints.NONE));
            for (Detection detection : found) {
                if (detection != null) {
                    byRule.computeIfAbsent(detection.ruleId() + " (" + detection.location().replaceAll("\\..*", "") + ")",
                            rule -> new TreeSet<>()).add(word);
                }
            }
        }
        System.out.printf("%,d words%n", words.size());
        byRule.forEach((rule, hits) -> System.out.printf("%-45s %5d  e.g. %s%n", rule, hits.size(),
                String.join(" ", hits.stream().limit(4).toList())));
    }
}
