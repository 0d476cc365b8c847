package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/**
 * Resolves Log4j 2 lookups the way its substitutor does, to see through the obfuscations of
 * Log4Shell payloads: nested lookups with defaults (<code>${${env:X:-j}ndi:...}</code>,
 * <code>${${::-j}${::-n}di:...}</code>), case lookups (<code>${lower:J}</code>) and escaped dollars that
 * reassemble into a lookup after one round. Innermost lookups are replaced first (a stack), two
 * rounds, nesting bounded: linear in the value.
 */
final class Log4jLookups {
    static final int NONE = 0;
    static final int JNDI = 1;
    /** A Log4j lookup that reads the environment or the process (env:, sys:, java:, ...): data exfiltration. */
    static final int LOOKUP = 2;

    private static final int MAX_DEPTH = 32;
    private static final WordSet PREFIXES = WordSet.of("env", "sys", "java", "jvmrunargs", "main", "ctx", "base64", "lower",
            "upper", "date", "k8s", "docker", "spring", "web", "log4j", "bundle", "sd", "map", "marker", "event", "jndi", "dns",
            "ldap", "rmi");

    private Log4jLookups() {
    }

    static int find(Subject s) {
        CharSequence t = s.text();
        StringBuilder out = s.view;
        StringBuilder in = s.view2;
        int[] frames = new int[MAX_DEPTH];
        int verdict = resolve(t, out, frames);
        if (verdict != JNDI && Ascii.contains(out, "${")) {
            in.setLength(0);
            in.append(out);
            verdict = Math.max(verdict, resolve(in, out, frames));
        }
        return Ascii.contains(out, "${jndi:") ? JNDI : verdict;
    }

    private static int resolve(CharSequence t, StringBuilder out, int[] frames) {
        out.setLength(0);
        int depth = 0;
        int verdict = NONE;
        for (int i = 0, n = t.length(); i < n; i++) {
            char c = t.charAt(i);
            if (c == '$' && i + 1 < n && t.charAt(i + 1) == '{' && depth < MAX_DEPTH) {
                frames[depth++] = out.length();
                i++;
            } else if (c == '}' && depth > 0) {
                int start = frames[--depth];
                int kind = evaluate(out, start);
                if (kind == JNDI) {
                    return JNDI;
                }
                verdict = Math.max(verdict, kind);
            } else {
                out.append(c);
            }
        }
        return verdict;
    }

    /**
     * Replaces the lookup body {@code out[start, end)} with its value: the default after {@code :-},
     * the argument of lower/upper, else nothing (an unresolvable lookup); returns what it was.
     */
    private static int evaluate(StringBuilder out, int start) {
        int from = Ascii.skipSpaces(out, start);
        if (Ascii.matchesAt(out, from, "jndi:")) {
            return JNDI;
        }
        int colon = -1;
        for (int k = from; k < out.length(); k++) {
            if (out.charAt(k) == ':') {
                colon = k;
                break;
            }
        }
        int kind = colon > from && PREFIXES.contains(out, from, colon) || colon == from ? LOOKUP : NONE;
        int fallback = -1;
        for (int k = Math.max(from, colon); k >= 0 && k + 1 < out.length(); k++) {
            if (out.charAt(k) == ':' && out.charAt(k + 1) == '-') {
                fallback = k + 2;
                break;
            }
        }
        if (fallback >= 0) {
            out.delete(start, fallback);
        } else if (colon >= 0 && (Ascii.matchesAt(out, from, "lower:") || Ascii.matchesAt(out, from, "upper:"))) {
            out.delete(start, colon + 1);
        } else if (colon >= 0) {
            out.setLength(start);
        } else {
            out.insert(start, "${").append('}'); // not a lookup: left as written
        }
        return kind;
    }
}
