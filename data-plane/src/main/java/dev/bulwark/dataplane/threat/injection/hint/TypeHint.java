package dev.bulwark.dataplane.threat.injection.hint;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import java.util.Set;

/**
 * What a schema says about one input: its precise type and, for enums, the allowed values. The
 * engine checks a hinted value by type ({@link #admits}): a conforming value is skipped, a
 * non-conforming one is inspected as text like any other (the contract validator refuses it in block
 * mode; in report mode it must still be looked at).
 */
public record TypeHint(ValueType type, Set<String> values) {
    public TypeHint {
        values = values == null ? Set.of() : Set.copyOf(values);
    }

    public static TypeHint of(ValueType type) {
        return new TypeHint(type, Set.of());
    }

    public static TypeHint oneOf(Set<String> values) {
        return new TypeHint(ValueType.ENUM, values);
    }

    /**
     * Whether {@code value} (normalised) has this type exactly; linear, no allocation except for enums.
     * An enum hint without values stands for membership the contract validator already enforced
     * (it refuses other values in block mode): any value up to 256 characters is admitted.
     */
    public boolean admits(CharSequence value) {
        return switch (type) {
            case INTEGER -> integer(value, 0, value.length());
            case NUMBER -> number(value);
            case BOOLEAN -> value.length() == 4 && Ascii.matchesAt(value, 0, "true") || value.length() == 5 && Ascii.matchesAt(value, 0, "false");
            case UUID -> uuid(value);
            case DATE -> value.length() == 10 && date(value, 0);
            case DATE_TIME -> dateTime(value);
            case ENUM -> value.length() <= 256 && (values.isEmpty() || values.contains(value.toString()));
            case TOKEN -> token(value);
        };
    }

    /**
     * At most 64 letters, digits, '_' and '-', with a '+' allowed first only (a phone number, a sign)
     * and never two '-' in a row: no quote, space, operator, separator or comment opener, and too
     * short to hold an encoded payload. The value is checked, not the schema's pattern trusted, so a
     * hint holds in report mode too.
     */
    private static boolean token(CharSequence v) {
        int n = v.length();
        if (n == 0 || n > 64) {
            return false;
        }
        for (int i = v.charAt(0) == '+' ? 1 : 0; i < n; i++) {
            char c = v.charAt(i);
            boolean dash = c == '-';
            if (!Ascii.isWord(c) && !dash || dash && i + 1 < n && v.charAt(i + 1) == '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean integer(CharSequence v, int from, int to) {
        int i = from < to && (v.charAt(from) == '-' || v.charAt(from) == '+') ? from + 1 : from;
        if (i == to || to - i > 20) {
            return false;
        }
        return digits(v, i, to);
    }

    private static boolean number(CharSequence v) {
        int n = v.length();
        if (n == 0 || n > 64) {
            return false;
        }
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        int start = i;
        while (i < n && Ascii.isDigit(v.charAt(i))) {
            i++;
        }
        boolean intDigits = i > start;
        if (i < n && v.charAt(i) == '.') {
            int f = ++i;
            while (i < n && Ascii.isDigit(v.charAt(i))) {
                i++;
            }
            if (!intDigits && i == f) {
                return false;
            }
        } else if (!intDigits) {
            return false;
        }
        if (i < n && (v.charAt(i) | 0x20) == 'e') {
            i++;
            if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
                i++;
            }
            int e = i;
            while (i < n && Ascii.isDigit(v.charAt(i))) {
                i++;
            }
            if (i == e) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean uuid(CharSequence v) {
        if (v.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = v.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !Ascii.isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-mm-dd} at {@code i}. */
    private static boolean date(CharSequence v, int i) {
        return v.length() >= i + 10 && digits(v, i, i + 4) && v.charAt(i + 4) == '-' && digits(v, i + 5, i + 7) && v.charAt(i + 7) == '-'
                && digits(v, i + 8, i + 10);
    }

    /** RFC 3339: {@code yyyy-mm-ddThh:mm[:ss[.fraction]](Z|±hh:mm)}. */
    private static boolean dateTime(CharSequence v) {
        int n = v.length();
        if (n < 17 || n > 40 || !date(v, 0) || (v.charAt(10) | 0x20) != 't' && v.charAt(10) != ' ') {
            return false;
        }
        if (!digits(v, 11, 13) || v.charAt(13) != ':' || !digits(v, 14, 16)) {
            return false;
        }
        int i = 16;
        if (i < n && v.charAt(i) == ':') {
            if (i + 3 > n || !digits(v, i + 1, i + 3)) {
                return false;
            }
            i += 3;
            if (i < n && v.charAt(i) == '.') {
                int f = ++i;
                while (i < n && Ascii.isDigit(v.charAt(i))) {
                    i++;
                }
                if (i == f) {
                    return false;
                }
            }
        }
        if (i == n) {
            return false;
        }
        if ((v.charAt(i) | 0x20) == 'z') {
            return i + 1 == n;
        }
        return (v.charAt(i) == '+' || v.charAt(i) == '-') && n == i + 6 && digits(v, i + 1, i + 3) && v.charAt(i + 3) == ':'
                && digits(v, i + 4, i + 6);
    }

    private static boolean digits(CharSequence v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }
}
