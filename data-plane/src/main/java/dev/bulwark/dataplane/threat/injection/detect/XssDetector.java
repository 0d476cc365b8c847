package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Cross-site scripting, decided by tokenising what the browser would tokenise rather than by
 * keyword lists: tags and their attributes ({@link XssMarkup}), attribute injection that closes a
 * quoted attribute and adds an event handler, script URLs, and script that needs no markup
 * ({@link XssScript}).
 */
public final class XssDetector implements Detector {
    static final Rule SCRIPT_TAG = Rule.of("xss-script-tag", ThreatFamily.XSS,
            "A <script> tag (also namespaced, UTF-7 or 7-bit encoded).");
    static final Rule EVENT_HANDLER = Rule.of("xss-event-handler", ThreatFamily.XSS,
            "An on* event-handler attribute, in a tag or injected after a closing quote or a space.");
    static final Rule SCRIPT_URL = Rule.of("xss-script-url", ThreatFamily.XSS,
            "A javascript:, vbscript: or active data: URL (HTML, SVG, script) where a URL is read, or markup in srcdoc.");
    static final Rule DANGEROUS_TAG = Rule.of("xss-dangerous-tag", ThreatFamily.XSS,
            "A tag that runs, embeds or loads active content, redirects or reparses the page (iframe, object, embed, svg, "
                    + "base, meta, link, style, form...).");
    static final Rule XML_INJECTION = Rule.of("xss-xml-namespace", ThreatFamily.XSS,
            "Markup declaring XML namespaces, schema locations or a script language: XML/XHTML injection.");
    static final Rule SCRIPT_CODE = Rule.of("xss-script-code", ThreatFamily.XSS,
            "JavaScript that reads cookies or location, writes the document, opens dialogs, evaluates strings, calls through "
                    + "tagged templates, or is JSFuck.");
    static final Rule ESCAPED_IDENTIFIER = Rule.of("xss-escaped-identifier", ThreatFamily.XSS,
            "An identifier with letters written as \\u escapes (\\u0061lert, \\u0076\\u0061lueOf): script engines read it "
                    + "as the plain name, and only filter evasion writes letters that way.");
    static final Rule CONTEXT_BREAKOUT = Rule.strict("xss-context-breakout", ThreatFamily.XSS,
            "Strict: a value that opens by closing an HTML comment or a CDATA section (-->, --!>, ]]>): written into a page, "
                    + "what follows is live markup again.");
    static final Rule HTML_TAG = Rule.strict("xss-html-tag", ThreatFamily.XSS, "Strict: any HTML tag.");

    private static final WordSet EVENTS = WordSet.resource(XssDetector.class, "dom-events.txt");
    private static final List<Rule> RULES = List.of(SCRIPT_TAG, EVENT_HANDLER, SCRIPT_URL, DANGEROUS_TAG, XML_INJECTION, SCRIPT_CODE,
            ESCAPED_IDENTIFIER, CONTEXT_BREAKOUT, HTML_TAG);

    /**
     * Rule by rule. Markup needs {@code <}, its 7-bit look-alike {@code ¼} ({@link Gate#LT_LOOKALIKE}) or
     * UTF-7's {@code +ADw-} (the word {@code ADw} before {@code -}). An injected handler is the word
     * {@code on}+event before {@code =} (spaces between allowed), or a vendor-prefixed one. A script URL
     * is its scheme as a run of letters before {@code :} (a digit or underscore may lead the word), or a
     * scheme split by a tab, CR or LF ({@link Gate#SPLIT_SCHEME}). Script code is a page global before
     * the {@code .}, {@code [} or {@code )} of a member access, a call before {@code (} or a template's
     * backtick, {@code function} before {@code (} (after {@code new}); a comment in between starts with
     * {@code /}. JSFuck holds {@code []}; escaped identifiers are flagged by the engine; the strict
     * break-out is {@code -->}, {@code --!>} or {@code ]]>}: {@code >} with {@code -} or {@code ]}.
     */
    private static final Gate GATE = Gate.chars(Subject.LT).both(Subject.GT, Subject.MINUS | Subject.RBRACKET)
            .followedBy("-", List.of("adw"))
            .followedBy("=", events()).prefixes("onwebkit", "onmoz", "onms")
            .schemes("javascript", "vbscript", "livescript", "mocha", "data")
            .followedBy(".[)/", XssScript.GLOBALS.words())
            .followedBy("(`/", XssScript.CALLS.words()).followedBy("(/", List.of("function"))
            .followedBy("`/", XssScript.TEMPLATE_CALLS.words())
            .flags(Gate.LT_LOOKALIKE | Gate.SPLIT_SCHEME | Gate.EMPTY_BRACKETS | Gate.ESCAPED_IDENTIFIER);

    private static List<String> events() {
        return EVENTS.words().stream().map(event -> "on" + event).toList();
    }

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.XSS;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        if (s.has(Subject.LT | Subject.NON_ASCII | Subject.PLUS | Subject.SPACE)) {
            Rule rule = XssMarkup.scan(t, s.strict());
            if (rule != null) {
                return rule;
            }
        }
        if (s.has(Subject.EQUALS) && injectedHandler(t)) {
            return EVENT_HANDLER;
        }
        if (s.has(Subject.COLON) && XssScript.scriptUrl(t)) {
            return SCRIPT_URL;
        }
        if (s.has(Subject.DOT | Subject.LPAREN | Subject.LBRACKET | Subject.BACKTICK) && XssScript.javascript(t, s)) {
            return SCRIPT_CODE;
        }
        if (s.escapedIdentifier()) {
            return ESCAPED_IDENTIFIER;
        }
        if (s.strict() && s.has(Subject.GT) && contextBreakout(t)) {
            return CONTEXT_BREAKOUT;
        }
        return null;
    }

    /**
     * A value whose first token closes a comment or CDATA section. Only at the start: an arrow in
     * prose ({@code a --> b}) is not a break-out, a value that begins with the terminator is written
     * to end the context it lands in.
     */
    static boolean contextBreakout(CharSequence t) {
        int i = Ascii.skipSpaces(t, 0);
        return Ascii.matchesAt(t, i, "-->") || Ascii.matchesAt(t, i, "--!>") || Ascii.matchesAt(t, i, "]]>");
    }

    /** A DOM event name ({@code load}, {@code mouseover}), or a vendor-prefixed one. */
    static boolean event(CharSequence t, int from, int to) {
        return EVENTS.contains(t, from, to) || Ascii.matchesAt(t, from, "webkit") || Ascii.matchesAt(t, from, "moz")
                && to - from > 6 || Ascii.matchesAt(t, from, "ms") && to - from > 5;
    }

    /**
     * {@code " onmouseover=...}, {@code ' onfocus=...}, {@code  onload= }: an event-handler attribute
     * after what closes or separates attributes, so it lands in the tag the value is written into.
     */
    static boolean injectedHandler(CharSequence t) {
        int n = t.length();
        for (int i = 1; i + 4 < n; i++) {
            char before = t.charAt(i - 1);
            if ((t.charAt(i) | 0x20) != 'o' || (t.charAt(i + 1) | 0x20) != 'n'
                    || !(Ascii.isSpace(before) || before == '"' || before == '\''
                    || before == '`' || before == '/' || before == ';')) {
                continue;
            }
            int k = i + 2;
            while (k < n && k < i + 48 && Ascii.isLetter(t.charAt(k))) {
                k++;
            }
            if (k - i - 2 < 3 || !event(t, i + 2, k)) {
                continue;
            }
            int eq = Ascii.skipSpaces(t, k);
            if (eq < n && t.charAt(eq) == '=' && (eq + 1 == n || t.charAt(eq + 1) != '=')) {
                return true;
            }
        }
        return false;
    }
}
