package dev.bulwark.dataplane.sensitive;

/**
 * The formats, each read forward from a candidate start with a fixed bound on how far it looks
 * (the longest is a PEM key body, {@link #PEM_BODY} bytes). Each returns the end of the match
 * (exclusive) or -1. Starts must be at a token boundary, which the scanner checks, so a failing
 * candidate never rescans a run another candidate already read.
 */
final class Matchers {
    static final int PEM_BODY = 16_384;
    private static final int TOKEN = 512;
    /** ISO 3166 codes of the countries that issue IBANs, two letters each. */
    private static final String IBAN_COUNTRIES = "ADAEALATAZBABEBGBHBIBRBYCHCRCYCZDEDJDKDOEEEGESFIFKFOFRGBGEGIGLGRGTHRHUIEILIQIS"
            + "ITJOKWKZLBLCLILTLULVLYMCMDMEMKMNMRMTMUNINLNOOMPKPLPSPTQARORSRUSASCSDSESISKSMSOSTSVTLTNTRUAVAVGXKYE";

    private Matchers() {
    }

    static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean upperLetter(int c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean alnum(int c) {
        return digit(c) || upperLetter(c) || c >= 'a' && c <= 'z';
    }

    static boolean base64Url(int c) {
        return alnum(c) || c == '-' || c == '_';
    }

    /** Whether a token may start after {@code previous}: not inside a word, a number or a base64 run. */
    static boolean boundary(int previous) {
        return !base64Url(previous) && previous != '+' && previous != '/' && previous != '.';
    }

    /** 13-19 digits, single spaces or dashes between groups, a known issuer prefix for the length, and the Luhn check. */
    static int card(byte[] b, int i, int n) {
        int k = i;
        int digits = 0;
        while (k < n && k - i < 24 && digits < 19) {
            if (digit(b[k])) {
                digits++;
                k++;
            } else if ((b[k] == ' ' || b[k] == '-') && k > i && digit(b[k - 1]) && k + 1 < n && digit(b[k + 1])) {
                k++;
            } else {
                break;
            }
        }
        if (digits < 13 || k < n && (alnum(b[k]) || b[k] == '-' && k + 1 < n && digit(b[k + 1]))) {
            return -1;
        }
        return issuer(b, i, k, digits) && Checksums.luhn(b, i, k) ? k : -1;
    }

    /** The issuer identification ranges of the card networks, with the lengths each issues. */
    private static boolean issuer(byte[] b, int from, int to, int length) {
        int p = 0;
        int taken = 0;
        for (int i = from; i < to && taken < 4; i++) {
            if (digit(b[i])) {
                p = p * 10 + b[i] - '0';
                taken++;
            }
        }
        int p1 = p / 1000;
        int p2 = p / 100;
        int p3 = p / 10;
        if (p1 == 4) {
            return length == 13 || length == 16 || length == 19;                       // Visa
        }
        if (p2 >= 51 && p2 <= 55 || p >= 2221 && p <= 2720) {
            return length == 16;                                                         // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return length == 15;                                                         // American Express
        }
        if (p == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p2 == 62) {
            return length >= 16;                                                         // Discover, UnionPay
        }
        if (p >= 3528 && p <= 3589) {
            return length >= 16;                                                         // JCB
        }
        if (p2 == 36 || p2 == 38 || p2 == 39 || p3 >= 300 && p3 <= 305) {
            return length >= 14;                                                         // Diners Club
        }
        return (p2 == 50 || p2 >= 56 && p2 <= 69) && length >= 13;                       // Maestro
    }

    /** {@code AAA-GG-SSSS}, a US social security number in its written form, outside the never-issued ranges. */
    static int ssn(byte[] b, int i, int n) {
        if (i + 11 > n || b[i + 3] != '-' || b[i + 6] != '-' || i + 11 < n && (alnum(b[i + 11]) || b[i + 11] == '-')) {
            return -1;
        }
        for (int k = 0; k < 11; k++) {
            if (k != 3 && k != 6 && !digit(b[i + k])) {
                return -1;
            }
        }
        int area = (b[i] - '0') * 100 + (b[i + 1] - '0') * 10 + b[i + 2] - '0';
        int group = (b[i + 4] - '0') * 10 + b[i + 5] - '0';
        int serial = (b[i + 7] - '0') * 1000 + (b[i + 8] - '0') * 100 + (b[i + 9] - '0') * 10 + b[i + 10] - '0';
        return area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 ? -1 : i + 11;
    }

    /** Country code of an IBAN country, two check digits, then 11-30 letters and digits (groups of four may be spaced), mod-97 valid. */
    static int iban(byte[] b, int i, int n) {
        if (i + 15 > n || !upperLetter(b[i]) || !upperLetter(b[i + 1]) || !digit(b[i + 2]) || !digit(b[i + 3])
                || !country(b[i], b[i + 1])) {
            return -1;
        }
        int k = i + 4;
        int chars = 4;
        while (k < n && chars < 34) {
            if (digit(b[k]) || upperLetter(b[k])) {
                chars++;
                k++;
            } else if (b[k] == ' ' && (chars % 4) == 0 && k + 1 < n && (digit(b[k + 1]) || upperLetter(b[k + 1]))) {
                k++;
            } else {
                break;
            }
        }
        if (chars < 15 || k < n && alnum(b[k])) {
            return -1;
        }
        return Checksums.iban(b, i, k) ? k : -1;
    }

    private static boolean country(byte a, byte c) {
        for (int k = 0; k < IBAN_COUNTRIES.length(); k += 2) {
            if (IBAN_COUNTRIES.charAt(k) == a && IBAN_COUNTRIES.charAt(k + 1) == c) {
                return true;
            }
        }
        return false;
    }

    /** {@code -----BEGIN [words ]PRIVATE KEY-----}: returns the end of the header line; the body is found by {@link #pemBodyEnd}. */
    static int pemHeader(byte[] b, int i, int n) {
        if (!startsWith(b, i, n, "-----BEGIN ")) {
            return -1;
        }
        int k = i + 11;
        while (k < n && k < i + 64 && (upperLetter(b[k]) || b[k] == ' ')) {
            k++;
        }
        int key = k - "PRIVATE KEY".length();
        return key >= i + 11 && startsWith(b, key, n, "PRIVATE KEY") && startsWith(b, k, n, "-----") ? k + 5 : -1;
    }

    /** Where the key body after a header ends: the {@code -----END} marker, or the bound, or the end of the body. */
    static int pemBodyEnd(byte[] b, int from, int n) {
        int limit = Math.min(n, from + PEM_BODY);
        for (int k = from; k < limit; k++) {
            if (b[k] == '-' && startsWith(b, k, n, "-----END")) {
                return k;
            }
        }
        return limit;
    }

    /** {@code eyJ...}.{@code eyJ...}.signature: a JWT (header and claims are JSON objects, so both start with eyJ). */
    static int jwt(byte[] b, int i, int n) {
        int header = part(b, i, n);
        if (header < 0 || header >= n || b[header] != '.') {
            return -1;
        }
        int claims = part(b, header + 1, n);
        if (claims < 0 || claims >= n || b[claims] != '.') {
            return -1;
        }
        int signature = claims + 1;
        while (signature < n && signature - claims <= PEM_BODY && base64Url(b[signature])) {
            signature++;
        }
        return signature - claims > 16 ? signature : -1;
    }

    private static int part(byte[] b, int i, int n) {
        if (!startsWith(b, i, n, "eyJ")) {
            return -1;
        }
        int k = i + 3;
        while (k < n && k - i <= PEM_BODY && base64Url(b[k])) {
            k++;
        }
        return k - i >= 12 ? k : -1;
    }

    /** Credentials whose issuers give them a fixed prefix and alphabet. */
    static int apiKey(byte[] b, int i, int n) {
        if (startsWith(b, i, n, "AKIA") || startsWith(b, i, n, "ASIA")) {
            return run(b, i + 4, n, 16, 16, Matchers::awsChar);                         // AWS access key id
        }
        if (startsWith(b, i, n, "AIza")) {
            return run(b, i + 4, n, 35, 35, Matchers::base64Url);                        // Google API key
        }
        if (startsWith(b, i, n, "github_pat_")) {
            return run(b, i + 11, n, 22, 255, Matchers::word);                           // GitHub fine-grained token
        }
        if (i + 4 < n && b[i] == 'g' && b[i + 1] == 'h' && "pousr".indexOf(b[i + 2]) >= 0 && b[i + 3] == '_') {
            return run(b, i + 4, n, 36, 255, Matchers::alnum);                           // GitHub token
        }
        if (startsWith(b, i, n, "xox") && i + 4 < n && "abposr".indexOf(b[i + 3]) >= 0 && b[i + 4] == '-') {
            return run(b, i + 5, n, 10, TOKEN, c -> alnum(c) || c == '-');                // Slack token
        }
        if ((startsWith(b, i, n, "sk_live_") || startsWith(b, i, n, "rk_live_"))) {
            return run(b, i + 8, n, 16, TOKEN, Matchers::alnum);                         // Stripe secret or restricted key
        }
        return -1;
    }

    private static boolean awsChar(int c) {
        return upperLetter(c) || c >= '2' && c <= '7';
    }

    private static boolean word(int c) {
        return alnum(c) || c == '_';
    }

    /** {@code min} to {@code max} characters of the class from {@code from}, then a character outside it; the end or -1. */
    private static int run(byte[] b, int from, int n, int min, int max, java.util.function.IntPredicate allowed) {
        int k = from;
        while (k < n && k - from < max && allowed.test(b[k])) {
            k++;
        }
        return k - from >= min && (k >= n || !allowed.test(b[k])) ? k : -1;
    }

    /** At an {@code @}: the local part before it (up to 64 characters) and a dotted domain after; returns the end, start via {@link #emailStart}. */
    static int emailEnd(byte[] b, int at, int n) {
        if (emailStart(b, at) == at) {
            return -1;
        }
        int k = at + 1;
        int dot = -1;
        while (k < n && k - at <= 253 && (alnum(b[k]) || b[k] == '-' || b[k] == '.' && k + 1 < n && alnum(b[k + 1]))) {
            if (b[k] == '.') {
                dot = k;
            }
            k++;
        }
        if (dot < 0 || k - dot < 3) {
            return -1;
        }
        for (int t = dot + 1; t < k; t++) {
            if (!(upperLetter(b[t]) || b[t] >= 'a' && b[t] <= 'z')) {
                return -1;
            }
        }
        return k;
    }

    static int emailStart(byte[] b, int at) {
        int k = at;
        while (k > 0 && at - k < 64 && (alnum(b[k - 1]) || b[k - 1] == '.' || b[k - 1] == '_' || b[k - 1] == '%' || b[k - 1] == '+'
                || b[k - 1] == '-')) {
            k--;
        }
        return k;
    }

    /** {@code +} and 8-15 digits, single spaces, dashes or dots between groups (E.164 as people write it). */
    static int phone(byte[] b, int i, int n) {
        int k = i + 1;
        int digits = 0;
        while (k < n && k - i < 24 && digits < 15) {
            if (digit(b[k])) {
                digits++;
                k++;
            } else if ((b[k] == ' ' || b[k] == '-' || b[k] == '.') && digit(b[k - 1]) && k + 1 < n && digit(b[k + 1])) {
                k++;
            } else {
                break;
            }
        }
        return digits >= 8 && (k >= n || !alnum(b[k])) && k > i + 1 && b[i + 1] != '0' ? k : -1;
    }

    static boolean startsWith(byte[] b, int i, int n, String prefix) {
        if (i + prefix.length() > n) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[i + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
