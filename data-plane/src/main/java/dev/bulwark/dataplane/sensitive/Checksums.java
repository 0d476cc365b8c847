package dev.bulwark.dataplane.sensitive;

/** The check-digit algorithms that tell a real card number or IBAN from any run of digits. */
final class Checksums {
    private Checksums() {
    }

    /** Luhn (ISO/IEC 7812-1) over the digits of {@code b[from, to)}, separators skipped. */
    static boolean luhn(byte[] b, int from, int to) {
        int sum = 0;
        boolean twice = false;
        for (int i = to - 1; i >= from; i--) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * ISO 13616 / ISO 7064 mod 97-10 over an IBAN in {@code b[from, to)}, spaces skipped: the first
     * four characters moved to the end, letters read as 10..35, the remainder must be 1. Computed
     * digit by digit, so no big number is built.
     */
    static boolean iban(byte[] b, int from, int to) {
        int remainder = 0;
        int counted = 0;
        for (int pass = 0; pass < 2; pass++) {
            int seen = 0;
            for (int i = from; i < to; i++) {
                byte c = b[i];
                if (c == ' ') {
                    continue;
                }
                boolean head = seen++ < 4;
                if (head != (pass == 1)) {
                    continue;
                }
                int value = c >= '0' && c <= '9' ? c - '0' : upper(c) - 'A' + 10;
                remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
                counted++;
            }
        }
        return counted >= 15 && remainder == 1;
    }

    static int upper(int c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }
}
