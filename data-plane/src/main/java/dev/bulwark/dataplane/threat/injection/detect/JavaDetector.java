package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Java attacks carried in values: Log4j JNDI lookups (through every nesting and encoding trick),
 * serialised Java objects (in binary, hex or base64 at any alignment), class names of the
 * platform's dangerous packages and of known deserialisation gadgets, class-loader and reflection
 * access (Spring4Shell, EL injection), OGNL and SpEL expressions, and JSP uploads.
 */
public final class JavaDetector implements Detector {
    static final Rule JNDI = Rule.of("java-jndi-lookup", ThreatFamily.JAVA,
            "A Log4j JNDI lookup (${jndi:...}), also nested, defaulted or case-shifted (${${::-j}ndi:...}).");
    static final Rule LOOKUP = Rule.of("java-log4j-lookup", ThreatFamily.JAVA,
            "A Log4j lookup that reads the environment or the JVM (${env:...}, ${sys:...}, ${java:...}).");
    static final Rule SERIALIZED = Rule.of("java-serialized-object", ThreatFamily.JAVA,
            "A Java serialisation stream (magic AC ED 00 05), raw, in hex or in base64 at any alignment (rO0AB...).");
    static final Rule CLASS_REFERENCE = Rule.of("java-class-reference", ThreatFamily.JAVA,
            "A fully qualified class of the JDK's or a framework's sensitive packages (java.lang.Runtime, java.io.*, "
                    + "javax.script, com.sun.*, org.apache.commons.collections, com.opensymphony.xwork2...).");
    static final Rule GADGET = Rule.of("java-deserialization-gadget", ThreatFamily.JAVA,
            "A class name from a known deserialisation gadget chain (InvokerTransformer, TemplatesImpl, JdbcRowSetImpl...) "
                    + "or a process-spawning API (ProcessBuilder, getRuntime), also base64-encoded.");
    static final Rule REFLECTION = Rule.of("java-reflection", ThreatFamily.JAVA,
            "Class-loader and reflection access (class.module.classLoader, getClass().forName(), defineClass, "
                    + "getDeclaredMethod): Spring4Shell and expression-language escapes.");
    static final Rule EXPRESSION = Rule.of("java-ognl-spel", ThreatFamily.JAVA,
            "OGNL or SpEL syntax reaching Java types: #_memberAccess, %{(#, @java.lang.X@method, T(java.lang.X).");
    static final Rule JSP_UPLOAD = Rule.of("java-jsp-upload", ThreatFamily.JAVA,
            "An uploaded file with a JSP extension (.jsp, .jspx, .jspf...), which a Java server executes.");

    private static final List<Rule> RULES = List.of(JNDI, LOOKUP, SERIALIZED, CLASS_REFERENCE, GADGET, REFLECTION, EXPRESSION,
            JSP_UPLOAD);
    private static final WordSet GADGETS = WordSet.of("invokertransformer", "instantiatetransformer", "instantiatefactory",
            "chainedtransformer", "constanttransformer", "clonetransformer", "forclosure", "whileclosure",
            "prototypeclonefactory", "prototypeserializationfactory", "transformedmap", "lazymap", "defaultedmap",
            "templatesimpl", "annotationinvocationhandler", "badattributevalueexpexception", "jdbcrowsetimpl", "beancomparator",
            "xmldecoder", "processimpl", "unixprocess", "scriptenginemanager",
            "objectinputstream", "classpathxmlapplicationcontext", "filesystemxmlapplicationcontext", "methodinvoker",
            "invokerinterceptor", "spelexpressionparser", "mbeanserver", "rmiconnector");
    private static final WordSet REFLECTION_CALLS = WordSet.of("forname", "getdeclaredmethod", "getdeclaredmethods",
            "getdeclaredconstructor", "getdeclaredfield", "getmethod", "getconstructor", "newinstance", "setaccessible",
            "getclassloader", "defineclass", "loadclass", "getruntime");
    private static final WordSet JSP_EXTENSIONS = WordSet.of("jsp", "jspx", "jspf", "jsw", "jsv", "jtml", "jhtml");

    /**
     * Rule by rule: a lookup needs {@code $} and <code>{</code>; a serialisation stream is hex
     * ({@code aced0005}) or base64 ({@code rO0AB}, the only five-character form, else an encoded-looking
     * run with the letters its decoding needs: {@link Gate#ENCODED_TEXT}), as are base64 payloads; a
     * class reference starts with a root package (java, sun, org.apache, ognl...) as a word; gadgets
     * and reflection calls are words, the class loader chain a word starting with {@code classloader};
     * OGNL needs {@code #} or two {@code @}, SpEL's {@code T(java.} the word {@code T} before a
     * parenthesis or a space; JSP uploads are read by kind.
     */
    private static final Gate GATE = Gate.chars(Subject.HASH).both(Subject.DOLLAR, Subject.LBRACE)
            .followedBy("( \t\n\u000B\f\r", List.of("t"))
            .words(GADGETS.words()).words("ro0ab").words(JavaNames.roots()).words(REFLECTION_CALLS.words())
            .prefixes("classloader").kinds(InputKind.FILENAME).flags(Gate.ENCODED_TEXT | Gate.TWO_ATS);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.JAVA;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        if (s.kind() == InputKind.FILENAME && JavaNames.extension(t, JSP_EXTENSIONS)) {
            return JSP_UPLOAD;
        }
        if (s.hasAll(Subject.DOLLAR | Subject.LBRACE)) {
            int lookup = Log4jLookups.find(s);
            if (lookup == Log4jLookups.JNDI) {
                return JNDI;
            }
            if (lookup == Log4jLookups.LOOKUP) {
                return LOOKUP;
            }
        }
        if (JavaNames.serialized(s)) {
            return SERIALIZED;
        }
        if (s.has(Subject.DOT) && JavaNames.classReference(t)) {
            return CLASS_REFERENCE;
        }
        if (words(t, GADGETS)) {
            return GADGET;
        }
        if (s.has(Subject.LETTER) && JavaNames.base64Gadget(s)) {
            return GADGET;
        }
        if (s.has(Subject.DOT) && (Ascii.contains(t, "class.module.classloader") || Ascii.contains(t, "class.classloader")
                || Ascii.contains(t, ".classloader.")) || s.has(Subject.LPAREN) && reflectionCall(t)) {
            return REFLECTION;
        }
        if (s.has(Subject.HASH | Subject.AT | Subject.LPAREN) && JavaNames.expression(t)) {
            return EXPRESSION;
        }
        return null;
    }

    /** Whether any identifier in {@code t} (split at non-word characters) is in {@code set}. */
    private static boolean words(CharSequence t, WordSet set) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (Ascii.isLetter(t.charAt(i)) && (i == 0 || !Ascii.isWord(t.charAt(i - 1)))) {
                int end = Ascii.wordEnd(t, i);
                if (set.contains(t, i, end)) {
                    return true;
                }
                i = end;
            }
        }
        return false;
    }

    /** {@code .forName(}, {@code getDeclaredMethod(}, ...: a reflection method called. */
    private static boolean reflectionCall(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (Ascii.isLetter(t.charAt(i)) && (i == 0 || !Ascii.isWord(t.charAt(i - 1)))) {
                int end = Ascii.wordEnd(t, i);
                if (REFLECTION_CALLS.contains(t, i, end) && Ascii.skipSpaces(t, end) < n && t.charAt(Ascii.skipSpaces(t, end)) == '(') {
                    return true;
                }
                i = end;
            }
        }
        return false;
    }
}
