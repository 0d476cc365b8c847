package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Server-side JavaScript: prototype pollution (through names, keys and values), code that reaches
 * Node's process and module system, serialised functions (node-serialize, funcster), also when
 * base64-encoded, and loops that never end (a cheap denial of service in an {@code eval}).
 */
public final class NodeDetector implements Detector {
    static final Rule PROTOTYPE_POLLUTION = Rule.of("node-prototype-pollution", ThreatFamily.NODE,
            "__proto__ or constructor.prototype in a name, key or value: writes to Object.prototype.");
    static final Rule PROCESS_ACCESS = Rule.of("node-process-access", ThreatFamily.NODE,
            "Code reaching Node's process or module system: require('child_process'), process.mainModule, process.env, "
                    + "module.constructor._load, child_process spawn/exec.");
    static final Rule SERIALIZED_FUNCTION = Rule.of("node-serialized-function", ThreatFamily.NODE,
            "A serialised function marker (_$$ND_FUNC$$_, __js_function), executed on deserialisation; also base64-encoded.");
    static final Rule CODE = Rule.of("node-javascript-code", ThreatFamily.NODE,
            "JavaScript source where data is expected: function literals, module.exports, console calls.");
    static final Rule INFINITE_LOOP = Rule.of("node-infinite-loop", ThreatFamily.NODE,
            "A loop whose condition is a constant truthy expression (while(true), while(!0), for(;;)): blocks an event loop "
                    + "when evaluated.");

    private static final List<Rule> RULES = List.of(PROTOTYPE_POLLUTION, PROCESS_ACCESS, SERIALIZED_FUNCTION, CODE, INFINITE_LOOP);
    private static final WordSet MODULES = WordSet.of("child_process", "fs", "net", "vm", "os", "dgram", "cluster",
            "worker_threads", "module", "process", "http", "https", "inspector", "v8");
    private static final WordSet PROCESS_MEMBERS = WordSet.of("mainmodule", "binding", "env", "exit", "kill", "dlopen", "_linkedbinding",
            "stdout", "stdin", "argv", "cwd", "chdir", "setuid", "setgid");

    private static final int CONSTRUCTOR = 1;
    private static final int PROCESS = 2;
    private static final int REQUIRE = 3;
    private static final int MODULE = 4;
    private static final int MAIN_MODULE = 5;
    private static final int GLOBAL = 6;
    private static final int ALWAYS = 7;
    private static final int SYNC_CALL = 8;
    private static final int LOAD = 9;
    private static final int SERIALIZED = 10;
    private static final int CONSOLE = 11;
    private static final int FUNCTION = 12;
    private static final int WHILE = 13;
    private static final int FOR = 14;
    private static final Object[][] ANCHOR_WORDS = {{"constructor", CONSTRUCTOR}, {"process", PROCESS}, {"require", REQUIRE},
        {"module", MODULE}, {"mainmodule", MAIN_MODULE}, {"global", GLOBAL}, {"globalthis", GLOBAL}, {"child_process", ALWAYS},
        {"execsync", SYNC_CALL}, {"spawnsync", SYNC_CALL}, {"execfilesync", SYNC_CALL}, {"_load", LOAD},
        {"__js_function", SERIALIZED}, {"console", CONSOLE}, {"function", FUNCTION}, {"while", WHILE}, {"for", FOR}};
    private static final WordSet ANCHORS;
    private static final int[] ANCHOR_KIND;

    static {
        String[] words = new String[ANCHOR_WORDS.length];
        for (int i = 0; i < words.length; i++) {
            words[i] = (String) ANCHOR_WORDS[i][0];
        }
        ANCHORS = WordSet.of(words);
        ANCHOR_KIND = new int[ANCHORS.capacity()];
        for (Object[] anchor : ANCHOR_WORDS) {
            String word = (String) anchor[0];
            ANCHOR_KIND[ANCHORS.slot(word, 0, word.length())] = (Integer) anchor[1];
        }
    }

    /**
     * Rule by rule, as {@link #check} reads each anchor word: {@code __proto__} and the serialised-function
     * markers hold {@code __} or {@code $$} ({@link Gate#DOUBLED_MARK}); {@code child_process} is a word;
     * {@code constructor} comes before the punctuation or space that leads to {@code prototype};
     * {@code process} before {@code .} or {@code [}; {@code module}, {@code mainModule}, {@code global},
     * {@code globalThis} and {@code console} before {@code .}; {@code require} before {@code [}, {@code .} or
     * {@code (}; the sync calls before {@code (}, {@code _load} and the loops ({@code while}, {@code for})
     * too (a comment in between starts with {@code /}); a function literal holds {@code (} and <code>{</code>.
     * A base64 payload is a run that {@code Base64Tokens} searches and that can decode to mostly printable
     * text ({@link Gate#ENCODED_PRINTABLE}).
     */
    private static final Gate GATE = Gate.chars(0).both(Subject.LPAREN, Subject.LBRACE).words("child_process")
            .followedBy(".[\"']/ \t\n\u000B\f\r", List.of("constructor"))
            .followedBy(".[", List.of("process"))
            .followedBy("[.(/", List.of("require"))
            .followedBy(".", List.of("module", "mainmodule", "global", "globalthis", "console"))
            .followedBy("(/", List.of("execsync", "spawnsync", "execfilesync"))
            .followedBy("(", List.of("_load", "while", "for"))
            .flags(Gate.DOUBLED_MARK | Gate.ENCODED_PRINTABLE);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.NODE;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        if (s.has(Subject.UNDERSCORE) && Ascii.contains(t, "__proto__")) {
            return PROTOTYPE_POLLUTION;
        }
        if (s.has(Subject.DOLLAR) && s.has(Subject.UNDERSCORE) && Ascii.contains(t, "_$$nd_func$$_")) {
            return SERIALIZED_FUNCTION;
        }
        if (s.has(Subject.DOT | Subject.LBRACKET | Subject.LPAREN | Subject.UNDERSCORE | Subject.SLASH)) {
            Rule rule = anchors(t);
            if (rule != null) {
                return rule;
            }
        }
        if ((Base64Tokens.verdict(s) & Base64Tokens.NODE) != 0) {
            return SERIALIZED_FUNCTION;
        }
        return null;
    }

    /** One pass over the identifiers: each anchor word is checked against what must follow it. */
    private static Rule anchors(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (!(Ascii.isLetter(c) || c == '_') || i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            int end = Ascii.wordEnd(t, i);
            int anchor = ANCHORS.slot(t, i, end);
            if (anchor >= 0) {
                Rule rule = check(ANCHOR_KIND[anchor], t, i, end);
                if (rule != null) {
                    return rule;
                }
            }
            i = end - 1;
        }
        return null;
    }

    private static Rule check(int kind, CharSequence t, int i, int end) {
        int n = t.length();
        char next = end < n ? t.charAt(end) : 0;
        return switch (kind) {
            case CONSTRUCTOR -> prototypeChain(t, end) ? PROTOTYPE_POLLUTION : null;
            case PROCESS -> member(t, end, PROCESS_MEMBERS) || next == '[' ? PROCESS_ACCESS : null;
            case REQUIRE -> next == '[' || Ascii.matchesAt(t, end, ".main") || requiredModule(t, end) ? PROCESS_ACCESS : null;
            case MODULE -> Ascii.matchesAt(t, end, ".constructor") ? PROCESS_ACCESS : Ascii.matchesAt(t, end, ".exports") ? CODE : null;
            case MAIN_MODULE -> Ascii.matchesAt(t, end, ".require") ? PROCESS_ACCESS : null;
            case GLOBAL -> Ascii.matchesAt(t, end, ".process") ? PROCESS_ACCESS : null;
            case ALWAYS -> PROCESS_ACCESS;
            case SYNC_CALL -> PhpCode.skipTrivia(t, end) < n && t.charAt(PhpCode.skipTrivia(t, end)) == '(' ? PROCESS_ACCESS : null;
            case LOAD -> i > 0 && t.charAt(i - 1) == '.' && next == '(' ? PROCESS_ACCESS : null;
            case SERIALIZED -> SERIALIZED_FUNCTION;
            case CONSOLE -> next == '.' && Ascii.wordEnd(t, end + 1) > end + 1 && Ascii.wordEnd(t, end + 1) < n
                    && (t.charAt(Ascii.wordEnd(t, end + 1)) == '(' || t.charAt(Ascii.wordEnd(t, end + 1)) == '.') ? CODE : null;
            case FUNCTION -> functionLiteral(t, end) ? CODE : null;
            case WHILE -> {
                int paren = Ascii.skipSpaces(t, end);
                yield paren < n && t.charAt(paren) == '(' && JsTruthiness.constantTruthy(t, paren) ? INFINITE_LOOP : null;
            }
            case FOR -> Ascii.matchesAt(t, Ascii.skipSpaces(t, end), "(;;)") ? INFINITE_LOOP : null;
            default -> null;
        };
    }

    /** {@code constructor} followed by a {@code prototype} member: {@code .prototype}, {@code [prototype]}, {@code ["prototype"]}. */
    private static boolean prototypeChain(CharSequence t, int end) {
        int k = end;
        while (k < t.length() && k < end + 5 && (t.charAt(k) == '.' || t.charAt(k) == '[' || t.charAt(k) == '"'
                || t.charAt(k) == '\'' || t.charAt(k) == ']' || t.charAt(k) == '/' || Ascii.isSpace(t.charAt(k)))) {
            k++;
        }
        return k > end && Ascii.matchesAt(t, k, "prototype");
    }

    private static boolean member(CharSequence t, int end, WordSet members) {
        if (end >= t.length() || t.charAt(end) != '.') {
            return false;
        }
        return members.contains(t, end + 1, Ascii.wordEnd(t, end + 1));
    }

    /** {@code require('child_process')}, {@code require("node:fs")}. */
    private static boolean requiredModule(CharSequence t, int end) {
        int paren = PhpCode.skipTrivia(t, end);
        if (paren >= t.length() || t.charAt(paren) != '(') {
            return false;
        }
        int quote = Ascii.skipSpaces(t, paren + 1);
        if (quote >= t.length() || t.charAt(quote) != '\'' && t.charAt(quote) != '"' && t.charAt(quote) != '`') {
            return false;
        }
        int name = quote + 1;
        if (Ascii.matchesAt(t, name, "node:")) {
            name += 5;
        }
        return MODULES.contains(t, name, Ascii.wordEnd(t, name));
    }

    /** {@code function [name](...) {}: a JavaScript function literal. */
    private static boolean functionLiteral(CharSequence t, int end) {
        int k = Ascii.skipSpaces(t, end);
        k = Ascii.skipSpaces(t, Ascii.wordEnd(t, k));
        if (k >= t.length() || t.charAt(k) != '(') {
            return false;
        }
        int close = k + 1;
        while (close < t.length() && close < k + 64 && t.charAt(close) != ')') {
            close++;
        }
        int brace = Ascii.skipSpaces(t, close + 1);
        return close < t.length() && t.charAt(close) == ')' && brace < t.length() && t.charAt(brace) == '{';
    }

}
