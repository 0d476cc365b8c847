package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/** The Java-specific scanners of {@link JavaDetector}: class names, serialisation magic, base64 payloads, OGNL/SpEL. */
final class JavaNames {
    private static final WordSet JDK_ROOTS = WordSet.of("java", "javax", "jdk", "sun");
    private static final WordSet SENSITIVE_PACKAGES = WordSet.of("lang", "io", "net", "nio", "beans", "rmi", "security", "sql",
            "script", "naming", "management", "reflect", "invoke", "runtime", "processbuilder", "process", "class", "classloader",
            "system", "thread", "xml", "el", "jndi", "tools");
    /** Class names worth flagging anywhere in a JDK-rooted chain (java.x.Runtime). */
    private static final WordSet SENSITIVE_CLASSES = WordSet.of("runtime", "processbuilder", "process", "classloader",
            "urlclassloader", "scriptenginemanager", "initialcontext", "xmldecoder", "objectinputstream", "unsafe", "method");
    private static final WordSet VENDOR_ROOTS = WordSet.of("sun", "opensymphony", "bea", "mchange", "alibaba", "thoughtworks",
            "springframework", "codehaus", "mozilla", "hibernate", "jboss", "omg", "python", "yaml");
    private static final WordSet APACHE = WordSet.of("commons", "xalan", "xbean", "tomcat", "catalina", "struts", "struts2",
            "naming", "bcel", "velocity", "log4j", "myfaces", "wicket", "shiro", "jasper", "coyote", "xerces", "batik", "axis",
            "axis2", "cxf", "click", "openjpa", "ibatis", "el", "logging");
    private static final WordSet SCRIPT_ROOTS = WordSet.of("ognl", "bsh", "groovy", "freemarker", "weblogic", "javassist");
    private static final WordSet TOP_LEVEL_DOMAINS = WordSet.of("com", "net", "org", "io", "dev", "edu", "gov", "co", "uk",
            "de", "fr", "info", "biz", "me", "app", "ai", "us", "eu");

    private JavaNames() {
    }

    /** The first words a {@link #classReference} can start with ({@code org.apache} by its second). */
    static java.util.List<String> roots() {
        java.util.List<String> roots = new java.util.ArrayList<>(JDK_ROOTS.words());
        roots.addAll(VENDOR_ROOTS.words());
        roots.addAll(SCRIPT_ROOTS.words());
        roots.add("apache");
        return roots;
    }

    static boolean classReference(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (!Ascii.isLetter(t.charAt(i)) || i > 0 && !chainBoundary(t.charAt(i - 1))) {
                continue;
            }
            int s0 = Ascii.wordEnd(t, i);
            if (s0 >= n || t.charAt(s0) != '.') {
                i = s0;
                continue;
            }
            int s1Start = s0 + 1;
            int s1 = Ascii.wordEnd(t, s1Start);
            if (s1 == s1Start) {
                i = s0;
                continue;
            }
            int segments = 2;
            int lastStart = s1Start;
            int end = s1;
            int s2Start = -1;
            int s2 = -1;
            while (end + 1 < n && t.charAt(end) == '.' && Ascii.isWord(t.charAt(end + 1)) && segments < 12) {
                lastStart = end + 1;
                end = Ascii.wordEnd(t, lastStart);
                if (segments == 2) {
                    s2Start = lastStart;
                    s2 = end;
                }
                segments++;
            }
            boolean lastIsDomain = TOP_LEVEL_DOMAINS.contains(t, lastStart, end);
            if (JDK_ROOTS.contains(t, i, s0)) {
                boolean sensitivePackage = SENSITIVE_PACKAGES.contains(t, s1Start, s1);
                if (segments >= 3 && !lastIsDomain && (sensitivePackage || SENSITIVE_CLASSES.contains(t, lastStart, end))
                        || segments == 2 && (Character.isUpperCase(t.charAt(s1Start)) || sensitivePackage)) {
                    return true;
                }
            } else if (segments >= 3 && !lastIsDomain && (Ascii.matchesAt(t, i, "com.") || Ascii.matchesAt(t, i, "org."))
                    && (VENDOR_ROOTS.contains(t, s1Start, s1) || Ascii.matchesAt(t, s1Start, "apache") && s1 - s1Start == 6
                    && APACHE.contains(t, s2Start, s2))) {
                return true;
            } else if (SCRIPT_ROOTS.contains(t, i, s0) && !lastIsDomain) {
                return true;
            }
            i = end;
        }
        return false;
    }

    private static boolean chainBoundary(char c) {
        return !Ascii.isWord(c) && c != '.' && c != '/' && c != '-' && c != '\\';
    }

    /** The serialisation magic: base64 {@code rO0AB} (case matters), hex {@code aced0005}, or inside a base64 token. */
    static boolean serialized(Subject s) {
        CharSequence t = s.text();
        return s.has(Subject.DIGIT) && (exact(t, "rO0AB") || Ascii.contains(t, "aced0005"))
                || (Base64Tokens.verdict(s) & Base64Tokens.MAGIC) != 0;
    }

    static boolean base64Gadget(Subject s) {
        return (Base64Tokens.verdict(s) & Base64Tokens.JAVA) != 0;
    }

    /** OGNL ({@code #_memberAccess}, {@code %{(#}, {@code @java.lang.X@m}) and SpEL ({@code T(java.lang.X)}) reaching Java. */
    static boolean expression(CharSequence t) {
        if (Ascii.contains(t, "#_memberaccess") || Ascii.contains(t, "%{(#") || Ascii.contains(t, "%{#") || Ascii.contains(t, "#context[")
                || Ascii.contains(t, "#request[") || Ascii.contains(t, "#application[") || Ascii.contains(t, "#parameters")) {
            return true;
        }
        int n = t.length();
        for (int i = 0; i + 2 < n; i++) {
            char c = t.charAt(i);
            if (c == '@' && Ascii.isLetter(t.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && end < i + 96 && (Ascii.isWord(t.charAt(end)) || t.charAt(end) == '.')) {
                    end++;
                }
                if (end < n && t.charAt(end) == '@' && Ascii.indexOf(t, ".", i) < end) {
                    return true; // @java.lang.Runtime@getRuntime(): OGNL's static member access
                }
            } else if ((c == 'T' || c == 't') && (i == 0 || !Ascii.isWord(t.charAt(i - 1)))) {
                int paren = Ascii.skipSpaces(t, i + 1);
                if (paren < n && t.charAt(paren) == '(') {
                    int name = Ascii.skipSpaces(t, paren + 1);
                    if (Ascii.matchesAt(t, name, "java.") || Ascii.matchesAt(t, name, "javax.") || Ascii.matchesAt(t, name, "org.")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the last extension of a file name (trailing dots and spaces ignored, {@code "a. jsp"} too) is in {@code set}. */
    static boolean extension(CharSequence name, WordSet set) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Ascii.isSpace(name.charAt(end - 1)))) {
            end--;
        }
        int dot = end - 1;
        while (dot >= 0 && name.charAt(dot) != '.' && name.charAt(dot) != '/' && name.charAt(dot) != '\\') {
            dot--;
        }
        if (dot < 0 || name.charAt(dot) != '.') {
            return false;
        }
        int ext = Ascii.skipSpaces(name, dot + 1);
        return set.contains(name, ext, end);
    }

    private static boolean exact(CharSequence t, String needle) {
        for (int i = 0, last = t.length() - needle.length(); i <= last; i++) {
            if (t.charAt(i) == needle.charAt(0) && regionEquals(t, i, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(CharSequence t, int at, String needle) {
        for (int k = 1; k < needle.length(); k++) {
            if (t.charAt(at + k) != needle.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
