package dev.bulwark.dataplane.contract;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;

/**
 * The {@code email} format, RFC 5321's Mailbox as JSON Schema defines it, in one pass over the
 * value: a dot-string or quoted-string local part of at most 64 characters, then a domain of
 * letter-digit-hyphen labels whose last label is alphabetic (or punycode). The library's check runs
 * several backtracking regular expressions and an IDN conversion per value, microseconds for an
 * ordinary address; this takes a few dozen nanoseconds. What this pass does not cover stays with the
 * library: address literals ({@code joe@[IPv6:::1]}) and values outside ASCII (internationalised
 * local parts and domains). Two differences on purpose: a backslash outside quotes is refused, as
 * RFC 5321's Dot-string has no escapes; and top-level labels are not looked up in a list of
 * delegated domains, which ages with every new one, so {@code ada@example.newtld} is well-formed, as
 * the RFC has it.
 */
final class MailboxFormat implements Format {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private final Format library;

    /** @param library the library's {@code email} format, which keeps deciding address literals and non-ASCII values */
    MailboxFormat(Format library) {
        this.library = library;
    }

    @Override
    public String getName() {
        return "email";
    }

    @Override
    public String getMessageKey() {
        return library.getMessageKey();
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
        if (value.endsWith("]") || !ascii(value)) {
            return library.matches(context, value);
        }
        return mailbox(value);
    }

    static boolean mailbox(String v) {
        int at = v.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL || v.length() - at - 1 > MAX_DOMAIN) {
            return false;
        }
        boolean local = v.charAt(0) == '"' ? quotedString(v, at) : dotString(v, at);
        return local && domain(v, at + 1, v.length());
    }

    /** {@code Atom *("." Atom)} over {@code v[0, end)}. */
    private static boolean dotString(String v, int end) {
        boolean atomStart = true;
        for (int i = 0; i < end; i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    return false;                 // a leading dot, or two in a row
                }
                atomStart = true;
            } else if (isAtext(c)) {
                atomStart = false;
            } else {
                return false;
            }
        }
        return !atomStart;
    }

    /** {@code DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE} exactly over {@code v[0, end)}. */
    private static boolean quotedString(String v, int end) {
        if (end < 2 || v.charAt(end - 1) != '"') {
            return false;
        }
        for (int i = 1; i < end - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                if (++i >= end - 1 || v.charAt(i) < 32 || v.charAt(i) > 126) {
                    return false;
                }
            } else if (c < 32 || c > 126 || c == '"') {
                return false;
            }
        }
        return true;
    }

    /** {@code sub-domain *("." sub-domain)}, the last one alphabetic or punycode (a single label names a local host). */
    private static boolean domain(String v, int from, int to) {
        int start = from;
        for (int i = from; i < to; i++) {
            if (v.charAt(i) == '.') {
                if (!label(v, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return label(v, start, to) && topLevel(v, start, to);
    }

    /** {@code Let-dig [Ldh-str]}: letters, digits and inner hyphens, 1 to 63 characters. */
    private static boolean label(String v, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_LABEL || v.charAt(from) == '-' || v.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean topLevel(String v, int from, int to) {
        if (to - from >= 4 && v.regionMatches(true, from, "xn--", 0, 4)) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (!isLetter(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtext(char c) {
        return isLetter(c) || isDigit(c) || c < 128 && ATEXT_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
