package dev.bulwark.dataplane.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape most schema patterns have, {@code ^\+[0-9]{6,15}$}, {@code ^[A-Z0-9-]{4,20}$},
 * {@code ^[a-z][a-z0-9_]*$}: anchored at both ends, a sequence of runs of one ASCII character set
 * each, with a count. Such a pattern is matched by one greedy pass over the value with no choice to
 * undo, provided every run whose count varies is followed by the end or by a run that needs at least
 * one character from a set disjoint from its own: then the run must stop exactly where its set
 * stops. {@link #compile} accepts only patterns of that shape and returns null for every other one,
 * which RE2 keeps matching; the tests hold both engines to the same answers.
 *
 * <p>Characters outside ASCII never belong to a set here, so comparing UTF-16 code units (ECMA) or
 * code points (RE2) gives the same answer.
 */
final class AnchoredRunPattern {
    /** RE2's largest repetition count: a pattern beyond it is left to RE2, which refuses it. */
    private static final int MAX_COUNT = 1000;
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    /** '+', '-' and the digits, as a set of the characters below 64. */
    private static final long TOKEN_LOW = 1L << '+' | 1L << '-' | 0x03FF_0000_0000_0000L;
    /** 'A'-'Z', '_' and 'a'-'z', as a set of the characters from 64 to 127. */
    private static final long TOKEN_HIGH = 0x07FF_FFFE_87FF_FFFEL;

    private final long[] low;
    private final long[] high;
    private final int[] min;
    private final int[] max;

    private AnchoredRunPattern(List<long[]> sets, List<int[]> counts) {
        int n = sets.size();
        low = new long[n];
        high = new long[n];
        min = new int[n];
        max = new int[n];
        for (int i = 0; i < n; i++) {
            low[i] = sets.get(i)[0];
            high[i] = sets.get(i)[1];
            min[i] = counts.get(i)[0];
            max[i] = counts.get(i)[1];
        }
    }

    /** The matcher of an ECMA pattern of the shape above, or null. */
    static AnchoredRunPattern compile(String pattern) {
        if (pattern.length() < 2 || pattern.charAt(0) != '^' || pattern.charAt(pattern.length() - 1) != '$'
                || pattern.charAt(pattern.length() - 2) == '\\') {
            return null;
        }
        List<long[]> sets = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        int end = pattern.length() - 1;
        int i = 1;
        while (i < end) {
            long[] set = new long[2];
            i = atom(pattern, i, end, set);
            if (i < 0) {
                return null;
            }
            int[] count = {1, 1};
            i = quantifier(pattern, i, end, count);
            if (i < 0) {
                return null;
            }
            sets.add(set);
            counts.add(count);
        }
        for (int k = 0; k < sets.size(); k++) {
            boolean varies = counts.get(k)[0] != counts.get(k)[1];
            boolean last = k == sets.size() - 1;
            if (varies && !last && (counts.get(k + 1)[0] == 0 || intersect(sets.get(k), sets.get(k + 1)))) {
                return null;
            }
        }
        return sets.isEmpty() ? null : new AnchoredRunPattern(sets, counts);
    }

    /** Whether every character the pattern can match is in {@code [A-Za-z0-9_+-]}. */
    boolean confinedToTokenCharacters() {
        for (int run = 0; run < low.length; run++) {
            if ((low[run] & ~TOKEN_LOW) != 0 || (high[run] & ~TOKEN_HIGH) != 0) {
                return false;
            }
        }
        return true;
    }

    boolean matches(CharSequence value) {
        int n = value.length();
        int i = 0;
        for (int run = 0; run < min.length; run++) {
            long lowSet = low[run];
            long highSet = high[run];
            int limit = (int) Math.min(n, (long) i + max[run]);
            int start = i;
            while (i < limit && member(value.charAt(i), lowSet, highSet)) {
                i++;
            }
            if (i - start < min[run]) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean member(char c, long lowSet, long highSet) {
        return c < 64 ? (lowSet >>> c & 1) != 0 : c < 128 && (highSet >>> c - 64 & 1) != 0;
    }

    private static boolean intersect(long[] a, long[] b) {
        return (a[0] & b[0]) != 0 || (a[1] & b[1]) != 0;
    }

    /** Reads one atom (a class, an escape or a literal) at {@code i} into {@code set}; the index after it, or -1. */
    private static int atom(String p, int i, int end, long[] set) {
        char c = p.charAt(i);
        if (c == '[') {
            return characterClass(p, i + 1, end, set);
        }
        if (c == '\\') {
            return i + 1 < end && escape(p.charAt(i + 1), set) ? i + 2 : -1;
        }
        if (c >= 128 || c < 32 || "^$.|?*+()[]{}".indexOf(c) >= 0) {
            return -1;
        }
        add(set, c, c);
        return i + 1;
    }

    /** A class without negation: literals, ranges and the escapes {@link #escape} knows; the index after its ']', or -1. */
    private static int characterClass(String p, int i, int end, long[] set) {
        if (i < end && p.charAt(i) == '^') {
            return -1;
        }
        boolean any = false;
        while (i < end && p.charAt(i) != ']') {
            char from;
            if (p.charAt(i) == '\\') {
                if (i + 1 >= end) {
                    return -1;
                }
                char escaped = p.charAt(i + 1);
                if (escaped == 'd' || escaped == 'w') {
                    escape(escaped, set);
                    i += 2;
                    any = true;
                    continue;
                }
                if (Character.isLetterOrDigit(escaped) || escaped >= 128) {
                    return -1;            // spaces, word boundaries, code escapes, back-references: RE2's
                }
                from = escaped;
                i += 2;
            } else {
                from = p.charAt(i++);
            }
            char to = from;
            if (i + 1 < end && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                to = p.charAt(i + 1);
                if (to == '\\' || to == '[') {
                    return -1;
                }
                i += 2;
                if (i + 1 < end && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                    return -1;            // a-z-0: the engines read a dash after a range differently
                }
            }
            if (from >= 128 || to >= 128 || from < 32 || to < from || from == '[') {
                return -1;
            }
            add(set, from, to);
            any = true;
        }
        return i < end && any ? i + 1 : -1;
    }

    /** {@code \d}, {@code \w} (ASCII in ECMA) and escaped punctuation; false for every other escape. */
    private static boolean escape(char e, long[] set) {
        if (e == 'd') {
            add(set, '0', '9');
        } else if (e == 'w') {
            add(set, '0', '9');
            add(set, 'A', 'Z');
            add(set, 'a', 'z');
            add(set, '_', '_');
        } else if (e < 128 && e > 32 && !Character.isLetterOrDigit(e)) {
            add(set, e, e);
        } else {
            return false;
        }
        return true;
    }

    /** Reads an optional quantifier into {@code count} ({min, max}); the index after it, or -1 (lazy, possessive or malformed). */
    private static int quantifier(String p, int i, int end, int[] count) {
        if (i >= end) {
            return i;
        }
        char c = p.charAt(i);
        int next;
        if (c == '*' || c == '+' || c == '?') {
            count[0] = c == '+' ? 1 : 0;
            count[1] = c == '?' ? 1 : UNBOUNDED;
            next = i + 1;
        } else if (c == '{') {
            int close = p.indexOf('}', i);
            if (close < 0 || close >= end) {
                return -1;
            }
            String body = p.substring(i + 1, close);
            int comma = body.indexOf(',');
            try {
                count[0] = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                count[1] = comma < 0 ? count[0] : comma == body.length() - 1 ? UNBOUNDED : Integer.parseInt(body.substring(comma + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
            if (count[0] > MAX_COUNT || count[1] < count[0] || count[1] > MAX_COUNT && count[1] != UNBOUNDED
                    || !body.chars().allMatch(ch -> ch == ',' || ch >= '0' && ch <= '9')) {
                return -1;
            }
            next = close + 1;
        } else {
            return i;
        }
        return next < end && (p.charAt(next) == '?' || p.charAt(next) == '+' || p.charAt(next) == '*' || p.charAt(next) == '{')
                ? -1 : next;
    }

    private static void add(long[] set, char from, char to) {
        for (char c = from; c <= to; c++) {
            if (c < 64) {
                set[0] |= 1L << c;
            } else {
                set[1] |= 1L << c - 64;
            }
        }
    }
}
