package dev.bulwark.dataplane.sensitive;

/**
 * National identifiers whose written form carries a check (a check digit, a check letter, or for the
 * UK NINO a tightly allocated format), so that a match is rarely an ordinary number. Each reads
 * forward from a candidate start with a fixed bound (at most 24 bytes) and returns the end of the
 * match (exclusive) or -1; the scanner only asks at a token boundary. Separators are the ones each
 * country prints: spaces in groups, dots and a dash in a CPF, a dash before a DNI letter.
 */
final class NationalIds {
    private static final int MAX = 24;
    /** The printed NIR's groups 1-2-2-2-3-3-2: a space may follow the 1st, 3rd, 5th, 7th, 10th and 13th character. */
    private static final int NIR_GROUP_ENDS = 1 << 1 | 1 << 3 | 1 << 5 | 1 << 7 | 1 << 10 | 1 << 13;
    private static final String NINO_UNALLOCATED = "BGGBKNNKNTTNZZ";
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    /** Codice fiscale: the value of a character at an odd position (1st, 3rd, ...), for 0-9 then A-Z. */
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6,
        8, 12, 14, 16, 10, 22, 25, 24, 23};
    /** Codice fiscale: the letters that stand for digits in a recoded (omocodia) number, 0 to 9. */
    private static final String CF_OMOCODIA = "LMNPQRSTUV";
    private static final String CF_MONTHS = "ABCDEHLMPRST";
    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
        {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
        {9, 4, 5, 3, 1, 2, 7, 8, 6, 0}, {4, 2, 8, 0, 9, 1, 7, 6, 5, 3}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 8, 5}};

    private NationalIds() {
    }

    /**
     * Reads {@code count} digits from {@code i}, allowing one of the {@code separators} after the k-th
     * digit where {@code groupEnds} has bit k. Returns the end, or -1 when
     * fewer digits were found or the number goes on.
     */
    private static int digits(byte[] b, int i, int n, int count, long groupEnds, String separators) {
        int k = i;
        int read = 0;
        while (k < n && read < count && k - i < MAX) {
            byte c = b[k];
            if (Matchers.digit(c)) {
                read++;
                k++;
            } else if ((groupEnds & 1L << read) != 0 && Matchers.digit(b[k - 1]) && separators.indexOf(c) >= 0
                    && k + 1 < n && Matchers.digit(b[k + 1])) {
                k++;
            } else {
                break;
            }
        }
        return read == count && !continues(b, k, n) ? k : -1;
    }

    /** The digits of {@code b[from, to)} as one number, separators skipped (at most 18 digits). */
    private static long value(byte[] b, int from, int to) {
        long value = 0;
        for (int k = from; k < to; k++) {
            if (Matchers.digit(b[k])) {
                value = value * 10 + b[k] - '0';
            }
        }
        return value;
    }

    /** The k-th of {@code count} digits of {@code value}, from the left. */
    private static int digit(long value, int count, int k) {
        long v = value;
        for (int skip = count - 1 - k; skip > 0; skip--) {
            v /= 10;
        }
        return (int) (v % 10);
    }

    /** Whether a letter, a digit or a digit-joining separator follows: the match is part of something longer. */
    private static boolean continues(byte[] b, int k, int n) {
        return k < n && (Matchers.alnum(b[k]) || (b[k] == '-' || b[k] == '.') && k + 1 < n && Matchers.alnum(b[k + 1]));
    }

    /** UK National Insurance number: two prefix letters of the allocated ranges, six digits (pairs may be spaced), suffix A-D. */
    static int ukNino(byte[] b, int i, int n) {
        if (i + 9 > n || !Matchers.upperLetter(b[i]) || !Matchers.upperLetter(b[i + 1]) || "DFIQUV".indexOf(b[i]) >= 0
                || "DFIOQUV".indexOf(b[i + 1]) >= 0 || unallocatedNinoPrefix(b[i], b[i + 1])) {
            return -1;
        }
        int k = i + 2;
        boolean spaced = k < n && b[k] == ' ';
        int digits = 0;
        while (digits < 6) {
            if (spaced && digits % 2 == 0) {
                if (k >= n || b[k] != ' ') {
                    return -1;
                }
                k++;
            }
            if (k >= n || !Matchers.digit(b[k])) {
                return -1;
            }
            digits++;
            k++;
        }
        if (spaced && k < n && b[k] == ' ') {
            k++;
        }
        if (k >= n || b[k] < 'A' || b[k] > 'D') {
            return -1;
        }
        k++;
        return continues(b, k, n) ? -1 : k;
    }

    private static boolean unallocatedNinoPrefix(byte a, byte c) {
        for (int k = 0; k < NINO_UNALLOCATED.length(); k += 2) {
            if (NINO_UNALLOCATED.charAt(k) == a && NINO_UNALLOCATED.charAt(k + 1) == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * French NIR (numéro de sécurité sociale): sex (1, 2, or 3, 4, 7, 8 for provisional numbers),
     * year, month, department (Corsica {@code 2A}/{@code 2B}), commune, order, then the key
     * {@code 97 - number mod 97}; compact or in the printed groups 1-2-2-2-3-3-2.
     */
    static int frNir(byte[] b, int i, int n) {
        if ("123478".indexOf(b[i]) < 0) {
            return -1;
        }
        long number = 0;
        int corsica = 0;
        int read = 0;
        int k = i;
        while (read < 15 && k < n && k - i < MAX) {
            byte c = b[k];
            if (c == ' ' && (NIR_GROUP_ENDS & 1 << read) != 0 && b[k - 1] != ' ') {
                k++;
                continue;
            }
            if (read == 6 && (c == 'A' || c == 'B') && b[k - 1] == '2') {
                corsica = c == 'A' ? 1 : 2;             // 2A reads as 19, 2B as 18 for the key
                number = number * 10;
            } else if (Matchers.digit(c)) {
                number = read < 13 ? number * 10 + c - '0' : number;
            } else {
                return -1;
            }
            read++;
            k++;
        }
        if (read < 15 || continues(b, k, n)) {
            return -1;
        }
        int key = (b[k - 2] - '0') * 10 + b[k - 1] - '0';
        number -= corsica * 1_000_000L;
        return key == 97 - number % 97 ? k : -1;
    }

    /** German tax identification number (Steuer-ID): 11 digits, no leading 0, one digit repeated in the first ten, ISO 7064 MOD 11,10. */
    static int deTaxId(byte[] b, int i, int n) {
        int end = digits(b, i, n, 11, 1L << 2 | 1L << 5 | 1L << 8, " ");
        if (end < 0 || b[i] == '0') {
            return -1;
        }
        long number = value(b, i, end);
        long counts = 0;                                // four bits per digit value
        int product = 10;
        for (int k = 0; k < 10; k++) {
            int d = digit(number, 11, k);
            counts += 1L << 4 * d;
            int sum = (d + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        int check = 11 - product;
        return repeatsOneDigit(counts) && (check == 10 ? 0 : check) == digit(number, 11, 10) ? end : -1;
    }

    /** In the first ten digits of a Steuer-ID exactly one digit occurs twice or three times; every other at most once. */
    private static boolean repeatsOneDigit(long counts) {
        int repeated = 0;
        for (int d = 0; d < 10; d++) {
            int count = (int) (counts >>> 4 * d & 0xF);
            if (count > 3) {
                return false;
            }
            repeated += count > 1 ? 1 : 0;
        }
        return repeated == 1;
    }

    /** Spanish DNI (eight digits and the letter of their value mod 23) and NIE (X, Y or Z standing for 0, 1, 2, seven digits, the letter). */
    static int esDni(byte[] b, int i, int n) {
        int value = 0;
        int k = i;
        int lead = b[i] == 'X' ? 0 : b[i] == 'Y' ? 1 : b[i] == 'Z' ? 2 : -1;
        if (lead >= 0) {
            value = lead;
            k++;
        }
        int want = lead >= 0 ? 7 : 8;
        for (int read = 0; read < want; read++, k++) {
            if (k >= n || !Matchers.digit(b[k])) {
                return -1;
            }
            value = value * 10 + b[k] - '0';
        }
        if (k < n && b[k] == '-' || k < n && b[k] == ' ') {
            k++;
        }
        if (k >= n || b[k] != DNI_LETTERS.charAt(value % 23)) {
            return -1;
        }
        k++;
        return continues(b, k, n) ? -1 : k;
    }

    /**
     * Italian codice fiscale: six letters (surname, name), year, month letter, day (plus 40 for
     * women), the municipality's letter and three digits, and a check letter; digits may be recoded
     * as letters (omocodia).
     */
    static int itFiscalCode(byte[] b, int i, int n) {
        if (i + 16 > n || continues(b, i + 16, n)) {
            return -1;
        }
        int sum = 0;
        for (int k = 0; k < 15; k++) {
            byte c = b[i + k];
            boolean letterSlot = k < 6 || k == 8 || k == 11;
            if (letterSlot ? !Matchers.upperLetter(c) : !Matchers.digit(c) && CF_OMOCODIA.indexOf(c) < 0) {
                return -1;
            }
            if (k == 8 && CF_MONTHS.indexOf(c) < 0) {
                return -1;
            }
            int index = Matchers.digit(c) ? c - '0' : 10 + c - 'A';
            sum += k % 2 == 0 ? CF_ODD[index] : index < 10 ? index : index - 10;
        }
        return b[i + 15] == 'A' + sum % 26 ? i + 16 : -1;
    }

    /** Dutch BSN: nine digits (or 4.2.3 with dots) passing the 11-test: 9·d1 + 8·d2 + ... + 2·d8 − d9 ≡ 0 (mod 11). */
    static int nlBsn(byte[] b, int i, int n) {
        int end = digits(b, i, n, 9, 1L << 4 | 1L << 6, ".");
        if (end < 0) {
            return -1;
        }
        long number = value(b, i, end);
        int sum = -digit(number, 9, 8);
        for (int k = 0; k < 8; k++) {
            sum += (9 - k) * digit(number, 9, k);
        }
        return sum != 0 && sum % 11 == 0 ? end : -1;
    }

    /** Brazilian CPF: eleven digits, compact or {@code NNN.NNN.NNN-NN}, two mod-11 check digits, not one digit repeated. */
    static int brCpf(byte[] b, int i, int n) {
        int end = digits(b, i, n, 11, 1L << 3 | 1L << 6 | 1L << 9, ".-");
        if (end < 0 || !cpfSeparators(b, i, end)) {
            return -1;
        }
        long number = value(b, i, end);
        boolean same = number % 11_111_111_111L == 0;  // 000.000.000-00, 111.111.111-11 ... pass the checks but are not issued
        return !same && cpfCheck(number, 9) == digit(number, 11, 9) && cpfCheck(number, 10) == digit(number, 11, 10) ? end : -1;
    }

    /** Either no separator or the printed form's: dots after the 3rd and 6th digits and a dash after the 9th. */
    private static boolean cpfSeparators(byte[] b, int from, int to) {
        int length = to - from;
        return length == 11 || length == 14 && b[from + 3] == '.' && b[from + 7] == '.' && b[from + 11] == '-';
    }

    private static int cpfCheck(long number, int count) {
        int sum = 0;
        for (int k = 0; k < count; k++) {
            sum += digit(number, 11, k) * (count + 1 - k);
        }
        return sum * 10 % 11 % 10;
    }

    /** Indian Aadhaar: twelve digits not starting with 0 or 1, compact or in groups of four (space or dash), Verhoeff check. */
    static int inAadhaar(byte[] b, int i, int n) {
        int end = digits(b, i, n, 12, 1L << 4 | 1L << 8, " -");
        if (end < 0 || b[i] < '2' || end - i != 12 && end - i != 14) {
            return -1;
        }
        long number = value(b, i, end);
        int check = 0;
        for (int k = 0; k < 12; k++, number /= 10) {
            check = VERHOEFF_D[check][VERHOEFF_P[k % 8][(int) (number % 10)]];
        }
        return check == 0 ? end : -1;
    }
}
