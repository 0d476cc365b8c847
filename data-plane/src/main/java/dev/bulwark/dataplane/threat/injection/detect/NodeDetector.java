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
    private static final String[] BASE64_KEYWORDS = {"child_process", "require(", "_$$nd_func$$_", "__js_function", "\\u00",
        "process.", "__proto__"};
    private static final String[] PROCESS_ACCESS_PATTERNS = {"process.mainmodule", "process.binding", "process.env",
        "process.exit", "process.kill", "process.dlopen", "process[", "require[", "require.main", "module.constructor",
        "mainmodule.require", "global.process", "globalthis.process", "._load(", "child_process", "execsync(", "spawnsync(",
        "execfilesync("};

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
        if (s.has(Subject.UNDERSCORE) && Ascii.contains(t, "__proto__") || prototypeChain(t, s)) {
            return PROTOTYPE_POLLUTION;
        }
        if (s.has(Subject.DOLLAR | Subject.UNDERSCORE) && (Ascii.contains(t, "_$$nd_func$$_") || Ascii.contains(t, "__js_function"))) {
            return SERIALIZED_FUNCTION;
        }
        if (s.has(Subject.DOT | Subject.LBRACKET | Subject.LPAREN | Subject.UNDERSCORE) && processAccess(t)) {
            return PROCESS_ACCESS;
        }
        if (s.has(Subject.LPAREN) && (loop(t) || Ascii.contains(t, "for(;;)") || Ascii.contains(t, "for (;;)"))) {
            return INFINITE_LOOP;
        }
        if (s.has(Subject.LPAREN | Subject.DOT) && code(t)) {
            return CODE;
        }
        if (s.has(Subject.LETTER) && Base64Tokens.find(s, BASE64_KEYWORDS, true)) {
            return SERIALIZED_FUNCTION;
        }
        return null;
    }

    /** {@code constructor} followed by a {@code prototype} member: {@code .prototype}, {@code [prototype]}, {@code ["prototype"]}. */
    private static boolean prototypeChain(CharSequence t, Subject s) {
        if (!s.has(Subject.DOT | Subject.LBRACKET | Subject.SLASH)) {
            return false;
        }
        for (int i = Ascii.indexOf(t, "constructor", 0); i >= 0; i = Ascii.indexOf(t, "constructor", i + 11)) {
            int k = i + 11;
            while (k < t.length() && k < i + 16 && (t.charAt(k) == '.' || t.charAt(k) == '[' || t.charAt(k) == '"'
                    || t.charAt(k) == '\'' || t.charAt(k) == ']' || t.charAt(k) == '/' || Ascii.isSpace(t.charAt(k)))) {
                k++;
            }
            if (k > i + 11 && Ascii.matchesAt(t, k, "prototype")) {
                return true;
            }
        }
        return false;
    }

    private static boolean processAccess(CharSequence t) {
        for (String pattern : PROCESS_ACCESS_PATTERNS) {
            if (Ascii.contains(t, pattern)) {
                return true;
            }
        }
        for (int i = Ascii.indexOf(t, "require", 0); i >= 0; i = Ascii.indexOf(t, "require", i + 7)) {
            int paren = PhpCode.skipTrivia(t, i + 7);
            if (paren < t.length() && t.charAt(paren) == '(') {
                int quote = Ascii.skipSpaces(t, paren + 1);
                if (quote < t.length() && (t.charAt(quote) == '\'' || t.charAt(quote) == '"' || t.charAt(quote) == '`')) {
                    int name = quote + 1;
                    if (Ascii.matchesAt(t, name, "node:")) {
                        name += 5;
                    }
                    int end = name;
                    while (end < t.length() && (Ascii.isWord(t.charAt(end)))) {
                        end++;
                    }
                    if (MODULES.contains(t, name, end)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code function (...) {}, {@code module.exports =}, {@code console.log(}: JavaScript source. */
    private static boolean code(CharSequence t) {
        if (Ascii.contains(t, "module.exports")) {
            return true;
        }
        for (int i = Ascii.indexOf(t, "console.", 0); i >= 0; i = Ascii.indexOf(t, "console.", i + 8)) {
            int end = Ascii.wordEnd(t, i + 8);
            if (end > i + 8 && end < t.length() && (t.charAt(end) == '(' || t.charAt(end) == '.')) {
                return true;
            }
        }
        for (int i = Ascii.indexOf(t, "function", 0); i >= 0; i = Ascii.indexOf(t, "function", i + 8)) {
            if (i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            int k = Ascii.skipSpaces(t, i + 8);
            k = Ascii.skipSpaces(t, Ascii.wordEnd(t, k));
            if (k < t.length() && t.charAt(k) == '(') {
                int close = k + 1;
                while (close < t.length() && close < k + 64 && t.charAt(close) != ')') {
                    close++;
                }
                int brace = Ascii.skipSpaces(t, close + 1);
                if (close < t.length() && t.charAt(close) == ')' && brace < t.length() && t.charAt(brace) == '{') {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code while (<constant truthy expression>)}. */
    private static boolean loop(CharSequence t) {
        for (int i = Ascii.indexOf(t, "while", 0); i >= 0; i = Ascii.indexOf(t, "while", i + 5)) {
            if (i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            int paren = Ascii.skipSpaces(t, i + 5);
            if (paren < t.length() && t.charAt(paren) == '(' && JsTruthiness.constantTruthy(t, paren)) {
                return true;
            }
        }
        return false;
    }
}
