package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * Evaluates the condition of a {@code while} when it is a constant: literals, unary {@code !}, {@code +}
 * and {@code -}, parentheses, {@code new X}, global constructors. JavaScript's truthiness rules
 * (empty string, 0, NaN, null, undefined, false are falsy; objects, arrays, functions, Infinity are
 * truthy) decide whether the loop can ever end. Anything non-constant is "not known to be truthy".
 */
final class JsTruthiness {
    private static final int UNKNOWN = 0;
    private static final int TRUTHY = 1;
    private static final int FALSY = 2;

    private JsTruthiness() {
    }

    /** Whether the parenthesised expression opening at {@code open} is a constant truthy value. */
    static boolean constantTruthy(CharSequence t, int open) {
        int depth = 0;
        int close = -1;
        for (int k = open; k < t.length() && k < open + 64; k++) {
            if (t.charAt(k) == '(') {
                depth++;
            } else if (t.charAt(k) == ')' && --depth == 0) {
                close = k;
                break;
            }
        }
        return close > open && value(t, open + 1, close) == TRUTHY;
    }

    private static int value(CharSequence t, int from, int to) {
        from = Ascii.skipSpaces(t, from);
        while (to > from && Ascii.isSpace(t.charAt(to - 1))) {
            to--;
        }
        if (from >= to) {
            return UNKNOWN;
        }
        char c = t.charAt(from);
        if (c == '!') {
            int inner = value(t, from + 1, to);
            return inner == UNKNOWN ? UNKNOWN : inner == TRUTHY ? FALSY : TRUTHY;
        }
        if (c == '+' || c == '-') {
            return number(t, from + 1, to);
        }
        if (c == '(' && t.charAt(to - 1) == ')') {
            return value(t, from + 1, to - 1);
        }
        if (c == '[' || c == '{') {
            return to - from == 2 ? TRUTHY : UNKNOWN; // [] and {} are objects
        }
        if (c == '\'' || c == '"' || c == '`') {
            return to - from == 2 ? FALSY : to - from > 2 && t.charAt(to - 1) == c ? TRUTHY : UNKNOWN;
        }
        if (Ascii.isDigit(c)) {
            for (int k = from; k < to; k++) {
                if (t.charAt(k) != '0' && t.charAt(k) != '.') {
                    return Ascii.isDigit(t.charAt(k)) ? TRUTHY : UNKNOWN;
                }
            }
            return FALSY;
        }
        if (word(t, from, to, "true") || word(t, from, to, "infinity")) {
            return TRUTHY;
        }
        if (word(t, from, to, "false") || word(t, from, to, "null") || word(t, from, to, "undefined") || word(t, from, to, "nan")) {
            return FALSY;
        }
        if (Ascii.matchesAt(t, from, "new ") || constructorName(t, from, to)) {
            return TRUTHY;
        }
        return UNKNOWN;
    }

    /** Unary plus or minus of an operand: truthy when the number is non-zero and not NaN. */
    private static int number(CharSequence t, int from, int to) {
        from = Ascii.skipSpaces(t, from);
        if (from >= to) {
            return UNKNOWN;
        }
        char c = t.charAt(from);
        if (c == '[' && to - from == 2 || c == '\'' && to - from == 2 || c == '"' && to - from == 2) {
            return FALSY; // +[] and +'' are 0
        }
        if (c == '{' && to - from == 2) {
            return FALSY; // +{} is NaN
        }
        if (c == '!') {
            int inner = value(t, from + 1, to);
            return inner == UNKNOWN ? UNKNOWN : inner == TRUTHY ? FALSY : TRUTHY; // +!x is 0 or 1
        }
        return value(t, from, to);
    }

    private static boolean word(CharSequence t, int from, int to, String lower) {
        return to - from == lower.length() && Ascii.matchesAt(t, from, lower);
    }

    /** A global constructor or namespace object (String, Date, Object, Math...): a function or object, so truthy. */
    private static boolean constructorName(CharSequence t, int from, int to) {
        if (!Character.isUpperCase(t.charAt(from))) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!Ascii.isLetter(t.charAt(k))) {
                return false;
            }
        }
        return word(t, from, to, "string") || word(t, from, to, "number") || word(t, from, to, "object") || word(t, from, to, "array")
                || word(t, from, to, "date") || word(t, from, to, "function") || word(t, from, to, "math") || word(t, from, to, "json")
                || word(t, from, to, "boolean") || word(t, from, to, "symbol") || word(t, from, to, "regexp") || word(t, from, to, "error")
                || word(t, from, to, "promise") || word(t, from, to, "map") || word(t, from, to, "set");
    }
}
