package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.dataplane.threat.injection.text.Ascii;

/**
 * Header fields whose grammar is fixed and narrow (content negotiation: Accept, Accept-Encoding,
 * Accept-Language, Accept-Charset, TE): a value that conforms to it is a list of tokens with
 * {@code ;q=} weights and cannot carry an injection, so it is not inspected; a value that does not
 * conform is inspected like any other. A positive model: cheaper than detection, and free of the
 * false positives token lists cause ({@code gzip;q=1.0} is not "gzip" run after a semicolon).
 */
final class StructuredHeaders {
    private StructuredHeaders() {
    }

    static boolean conforms(String lowerName, CharSequence value) {
        boolean negotiation = lowerName.equals("accept") || lowerName.equals("accept-encoding") || lowerName.equals("accept-language")
                || lowerName.equals("accept-charset") || lowerName.equals("te");
        return negotiation && list(value);
    }

    /** {@code element *( "," element )}, element = {@code range *( ";" name "=" value )}. */
    private static boolean list(CharSequence v) {
        int n = v.length();
        int i = 0;
        while (true) {
            i = Ascii.skipSpaces(v, i);
            int start = i;
            while (i < n && (Ascii.isLetter(v.charAt(i)) || Ascii.isDigit(v.charAt(i)) || "-.*+_/".indexOf(v.charAt(i)) >= 0)) {
                i++;
            }
            if (i == start) {
                return false;
            }
            i = Ascii.skipSpaces(v, i);
            while (i < n && v.charAt(i) == ';') {
                i = Ascii.skipSpaces(v, i + 1);
                int name = i;
                while (i < n && (Ascii.isLetter(v.charAt(i)) || Ascii.isDigit(v.charAt(i)) || v.charAt(i) == '-')) {
                    i++;
                }
                if (i == name || i >= n || v.charAt(i) != '=') {
                    return false;
                }
                i++;
                int value = i;
                while (i < n && (Ascii.isLetter(v.charAt(i)) || Ascii.isDigit(v.charAt(i)) || "-._".indexOf(v.charAt(i)) >= 0)) {
                    i++;
                }
                if (i == value) {
                    return false;
                }
                i = Ascii.skipSpaces(v, i);
            }
            if (i == n) {
                return true;
            }
            if (v.charAt(i) != ',') {
                return false;
            }
            i++;
        }
    }
}
