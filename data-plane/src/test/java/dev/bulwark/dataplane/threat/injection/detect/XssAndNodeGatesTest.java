package dev.bulwark.dataplane.threat.injection.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.Detectors;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The declarations of XSS and node, narrowed from any {@code - . : = (} or encoded-looking run to what
 * their rules read: ordinary values skip both, an attack of each class a declaration admits still
 * reaches its family (and the family finds it), and random values of code punctuation, and random
 * base64 runs that hide node's keywords or nothing, expose no hole.
 */
class XssAndNodeGatesTest {
    private static final List<ThreatFamily> XSS_AND_NODE = List.of(ThreatFamily.XSS, ThreatFamily.NODE);
    private static final Detector[] DETECTORS = Detectors.all().toArray(Detector[]::new);
    private static final Prefilter PREFILTER = new Prefilter(DETECTORS);

    /** The 28 string values of {@code InjectionInspectionBenchmark}'s JSON body (15 reached XSS, 11 node), and more of their kind. */
    @ParameterizedTest
    @ValueSource(strings = {"ord_01HX3K9V7N", "2026-12-06T09:30:00Z", "EUR", "c_4821", "Zoë O'Neil", "zoe.oneil@example.com",
        "+49 30 1234567", "Friedrichstraße 123", "3. OG, links", "Berlin", "10117", "DE", "A-100", "Cat tree (large), grey", "pets",
        "furniture", "B-7", "Select & order: 10% off this week", "promo", "C-55", "Scratching post - sisal, 80 cm",
        "Please leave the parcel at the back door; ring twice. Thanks a lot!", "WINTER-2026", "next-day", "DHL", "web",
        "newsletter_dec", "https://www.example.com/blog/cat-trees?utm_source=mail",
        "2026-12-06T09:30:00.125+01:00", "49.90", "7f3c2a90-1b6e-4c3d-9a51-0e2f6b8d4c11", "01ARZ3NDEKTSV4RRFFQ69G5FAV",
        "INV-2026-000123", "usr_2NmWqK8vXp", "DE89370400440532013000", "Note: the top shelf (left) is for self-service.",
        "See https://shop.example.org/catalog?page=2&sort=price-asc", "v2.4.1", "Crème brûlée, café", "ring twice; thanks"})
    void ordinaryValuesSkipXssAndNode(String value) {
        for (InputKind kind : new InputKind[] {InputKind.JSON_VALUE, InputKind.QUERY_VALUE, InputKind.HEADER}) {
            assertThat(admitted(value, kind)).as(value + " as " + kind).doesNotContainAnyElementsOf(XSS_AND_NODE);
        }
    }

    /** One attack per way each declaration admits a value; most are admitted by that way alone. */
    @ParameterizedTest
    @CsvSource(delimiterString = "⇒", quoteCharacter = '~', textBlock = """
            XSS  ⇒ <b onclick=x>                               ⇒ ~markup~
            XSS  ⇒ ¼script¾x¼/script¾                          ⇒ ~7-bit look-alike: flag~
            XSS  ⇒ +ADw-script+AD4-x                           ⇒ ~UTF-7 opener: ADw before a dash~
            XSS  ⇒ x" onfocus =y                               ⇒ ~injected handler: on+event before =~
            XSS  ⇒ x' onwebkitanimationend=y                   ⇒ ~vendor-prefixed handler: prefix~
            XSS  ⇒ javascript:x                                ⇒ ~script scheme~
            XSS  ⇒ 1javascript:x                               ⇒ ~scheme as the letters of a longer word~
            XSS  ⇒ java\tscript:x                              ⇒ ~scheme split by a tab: flag~
            XSS  ⇒ data:text/html,x                            ⇒ ~data scheme~
            XSS  ⇒ document.cookie                             ⇒ ~global before a dot~
            XSS  ⇒ (document)['cookie']                        ⇒ ~global before a parenthesis~
            XSS  ⇒ document /**/ .cookie                       ⇒ ~global before a comment~
            XSS  ⇒ eval (x)                                    ⇒ ~call after a space~
            XSS  ⇒ x.call`y`                                   ⇒ ~tagged template~
            XSS  ⇒ new Function (x)                            ⇒ ~function constructor~
            XSS  ⇒ [][(![]+[])[+[]]]                           ⇒ ~JSFuck: empty brackets~
            NODE ⇒ {"__proto__":{"x":1}}                       ⇒ ~prototype pollution: doubled underscore~
            NODE ⇒ x_$$ND_FUNC$$_y                             ⇒ ~serialised function: doubled dollar~
            NODE ⇒ child_process                               ⇒ ~module: word~
            NODE ⇒ a.constructor prototype                     ⇒ ~constructor before a space~
            NODE ⇒ x.constructor.prototype.y                   ⇒ ~constructor before a dot~
            NODE ⇒ process['env']                              ⇒ ~process before a bracket~
            NODE ⇒ require ('fs')                              ⇒ ~require before a parenthesis~
            NODE ⇒ module.exports = x                          ⇒ ~module before a dot~
            NODE ⇒ x.mainModule.require                        ⇒ ~mainModule before a dot~
            NODE ⇒ globalThis.process                          ⇒ ~global before a dot~
            NODE ⇒ console.log(1)                              ⇒ ~console before a dot~
            NODE ⇒ execSync /**/ ('id')                        ⇒ ~sync call before a comment~
            NODE ⇒ x._load('y')                                ⇒ ~module loader~
            NODE ⇒ while (1) x                                 ⇒ ~loop before a parenthesis~
            NODE ⇒ for (;;) x                                  ⇒ ~for loop~
            NODE ⇒ function x(a) {}                            ⇒ ~function literal: ( and {~
            NODE ⇒ cmVxdWlyZSgnY2hpbGRfcHJvY2VzcycpLmV4ZWMoJ2lkJyk ⇒ ~base64 that decodes to text: flag~
            """)
    void anAttackOfEachAdmittedClassStillReachesItsFamily(ThreatFamily family, String value, String why) {
        String text = value.replace("\\t", "\t");
        Detector detector = GateAudit.detector(family);
        Subject subject = new Subject().set(text, InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
        assertThat(detector.match(subject)).as(why + ": the family finds " + value).isNotNull();
        assertThat(new Prefilter(new Detector[] {detector}).admitted(subject)).as(why + ": admitted " + value).isNotZero();
    }

    @Test
    void anEscapedIdentifierAndAStrictBreakoutReachXss() {
        Prefilter xss = new Prefilter(new Detector[] {GateAudit.detector(ThreatFamily.XSS)});
        Subject escaped = new Subject().set("alert", InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT).escapedIdentifier(true);
        assertThat(GateAudit.detector(ThreatFamily.XSS).match(escaped)).isNotNull();
        assertThat(xss.admitted(escaped)).isNotZero();
        for (String breakout : new String[] {"-->x", "]]>x"}) {
            Subject strict = new Subject().set(breakout, InputKind.QUERY_VALUE, "q", ThreatSensitivity.STRICT);
            assertThat(GateAudit.detector(ThreatFamily.XSS).match(strict)).as(breakout).isNotNull();
            assertThat(xss.admitted(strict)).as(breakout).isNotZero();
        }
    }

    /** English words among the triggers admit nothing without what the rule reads after them. */
    @ParameterizedTest
    @ValueSource(strings = {"top self parent content window location", "process module global console require while for",
        "alert prompt confirm open write", "constructor-led", "data, javascript and mocha", "Online offline"})
    void triggerWordsAloneDoNotAdmit(String value) {
        assertThat(admitted(value, InputKind.JSON_VALUE)).as(value).doesNotContainAnyElementsOf(XSS_AND_NODE);
    }

    @Test
    void noDeclarationHidesAFindingOnRandomValuesWithThePunctuationOfCode() {
        List<String> vocabulary = new ArrayList<>(List.of("onload", "onerror", "onwebkitx", "javascript", "data", "text/html"));
        for (Detector detector : DETECTORS) {
            vocabulary.addAll(detector.gate().words());
            vocabulary.addAll(detector.gate().prefixes());
            vocabulary.addAll(detector.gate().schemes());
            detector.gate().followed().forEach(word -> vocabulary.add(word.substring(0, word.length() - 1)));
        }
        String[] joiners = {" ", "-", ":", ".", "=", "(", ")", "[", "]", "`", "'", "\"", "_", "$", "/", "/**/", "\t", "\n", "{",
            "}", "<", ">", "!", "+", "; ", " = ", "__", "$$", "[]", "\\u0061"};
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        Random random = new Random(21);
        List<String> holes = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int t = 1 + random.nextInt(7); t > 0; t--) {
                if (value.length() > 0 || random.nextInt(4) == 0) {
                    value.append(joiners[random.nextInt(joiners.length)]);
                }
                switch (random.nextInt(3)) {
                    case 0, 1 -> value.append(vocabulary.get(random.nextInt(vocabulary.size())));
                    default -> {
                        for (int k = 1 + random.nextInt(8); k > 0; k--) {
                            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            GateAudit.collectHoles(DETECTORS, value, holes);
        }
        assertThat(holes).isEmpty();
    }

    /** Text that hides node's keywords, base64-encoded from any offset, and random ids: node's declaration must admit every finding. */
    @Test
    void noRandomBase64RunHidesANodeFindingFromTheDeclaration() {
        String[] keywords = {"child_process", "require(", "_$$nd_func$$_", "__js_function", "\\u00", "process.", "__proto__"};
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
        Detector node = GateAudit.detector(ThreatFamily.NODE);
        Random random = new Random(22);
        List<String> holes = new ArrayList<>();
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(14); k > 0; k--) {
                text.append((char) (random.nextInt(10) == 0 ? random.nextInt(256) : 32 + random.nextInt(95)));
            }
            String keyword = keywords[random.nextInt(keywords.length)];
            for (char c : keyword.toCharArray()) {
                text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            for (int k = random.nextInt(14); k > 0; k--) {
                text.append((char) (32 + random.nextInt(95)));
            }
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder value = new StringBuilder(encoded.substring(random.nextInt(4)));
            if (random.nextInt(3) == 0) {
                for (int k = 4 + random.nextInt(30); k > 0; k--) {
                    value.insert(0, base64.charAt(random.nextInt(base64.length())));
                }
            }
            Subject subject = new Subject().set(value, InputKind.QUERY_VALUE, "q", ThreatSensitivity.DEFAULT);
            found += node.match(subject) != null ? 1 : 0;
            String hole = GateAudit.hole(node, value);
            if (hole != null) {
                holes.add(hole);
            }
        }
        assertThat(holes).isEmpty();
        assertThat(found).as("findings among the encoded values").isGreaterThan(5_000);
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
