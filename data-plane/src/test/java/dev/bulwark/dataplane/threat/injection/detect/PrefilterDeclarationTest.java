package dev.bulwark.dataplane.threat.injection.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.Detectors;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.sql.SqlInjectionDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The families' prefilter declarations ({@link Gate}) against the values that could expose a hole:
 * the plain words the detectors themselves know (word lists and sources, as in
 * {@code PlainWordFindings}), and random values of words, digits, spaces and underscores. Each
 * family's own tests also run in audit mode (see {@code Inspect}, {@code SqlInjectionDetectorTest}).
 */
class PrefilterDeclarationTest {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");
    private static final Path SOURCES = Path.of("src/main/java/dev/bulwark/dataplane/threat/injection");
    private static final Path WORD_LISTS = Path.of("src/main/resources/dev/bulwark/dataplane/threat/injection/detect");

    private static final Detector[] DETECTORS = Detectors.all().toArray(Detector[]::new);

    @Test
    void noDeclarationHidesAFindingOnAPlainWordTheDetectorsKnow() throws IOException {
        TreeSet<String> words = new TreeSet<>(SqlInjectionDetector.vocabulary());
        try (Stream<Path> files = Stream.concat(Files.walk(SOURCES), Files.walk(WORD_LISTS))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = WORD.matcher(Files.readString(file));
                while (m.find()) {
                    words.add(m.group());
                }
            }
        }
        for (Detector detector : DETECTORS) {
            words.addAll(detector.gate().words());
        }
        assertThat(words).hasSizeGreaterThan(5_000);
        List<String> holes = new ArrayList<>();
        for (String word : words) {
            for (String value : new String[] {word.toLowerCase(Locale.ROOT), word.toUpperCase(Locale.ROOT), word + "3", "1" + word,
                " " + word, word + " 1"}) {
                GateAudit.collectHoles(DETECTORS, value, holes);
            }
        }
        assertThat(holes).isEmpty();
    }

    @Test
    void noDeclarationHidesAFindingOnRandomValuesOfWordsDigitsAndSpaces() {
        List<String> vocabulary = new ArrayList<>(SqlInjectionDetector.vocabulary());
        for (Detector detector : DETECTORS) {
            vocabulary.addAll(detector.gate().words());
        }
        Random random = new Random(20);
        List<String> holes = new ArrayList<>();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int tokens = 1 + random.nextInt(6);
            for (int t = 0; t < tokens; t++) {
                if (t > 0 || random.nextInt(8) == 0) {
                    value.append(random.nextInt(6) == 0 ? "\t" : " ");
                }
                switch (random.nextInt(4)) {
                    case 0 -> value.append(vocabulary.get(random.nextInt(vocabulary.size())));
                    case 1 -> value.append(random.nextInt(100_000));
                    default -> {
                        for (int k = 1 + random.nextInt(12); k > 0; k--) {
                            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            GateAudit.collectHoles(DETECTORS, value, holes);
        }
        assertThat(holes).isEmpty();
    }

    @Test
    void plainValuesOutsideEveryVocabularyAreReadByNoFamilyAtAll() {
        Prefilter prefilter = new Prefilter(DETECTORS);
        Subject subject = new Subject();
        for (String value : new String[] {"Berlin", "EUR", "10117", "furniture", "newsletter", "grey parcel please"}) {
            subject.set(value, InputKind.JSON_VALUE, "k", ThreatSensitivity.DEFAULT);
            assertThat(prefilter.admitted(subject)).as(value).isZero();
        }
        subject.set("customer", InputKind.JSON_KEY, "customer", ThreatSensitivity.DEFAULT);
        assertThat(families(prefilter.admitted(subject))).containsExactly(ThreatFamily.SESSION_FIXATION);
    }

    @Test
    void aTriggerWordASyntaxCharacterOrAnEncodedRunAdmitsItsFamilies() {
        Prefilter prefilter = new Prefilter(DETECTORS);
        Subject subject = new Subject();
        subject.set("whoami", InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(families(prefilter.admitted(subject))).contains(ThreatFamily.COMMAND).doesNotContain(ThreatFamily.XSS);
        subject.set("python3 x", InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(families(prefilter.admitted(subject))).contains(ThreatFamily.COMMAND);
        subject.set("1UNION", InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(families(prefilter.admitted(subject))).contains(ThreatFamily.SQL);
        subject.set("rO0ABXNy", InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(families(prefilter.admitted(subject))).contains(ThreatFamily.JAVA, ThreatFamily.NODE);
        subject.set("a<b", InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(families(prefilter.admitted(subject))).contains(ThreatFamily.XSS, ThreatFamily.TEMPLATE, ThreatFamily.PHP);
    }

    private static List<ThreatFamily> families(long bits) {
        List<ThreatFamily> families = new ArrayList<>();
        for (int i = 0; i < DETECTORS.length; i++) {
            if ((bits & 1L << i) != 0) {
                families.add(DETECTORS[i].family());
            }
        }
        return families;
    }
}
