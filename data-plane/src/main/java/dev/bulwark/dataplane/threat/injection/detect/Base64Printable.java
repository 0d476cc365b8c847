package dev.bulwark.dataplane.threat.injection.detect;

/**
 * Whether a base64 run can decode to mostly printable text, the condition {@code Base64Tokens} puts on
 * a decoding before it searches it for keywords (three quarters of its bytes printable), judged one
 * character at a time (the {@link Prefilter} asks only for encoded-looking runs of eight or more).
 *
 * <p>Each decoded byte starts at bit 0, 2 or 4 of one character, which alone holds its top three bits
 * (the byte's top bit, and whether it is below {@code 0x20}, when it starts at bit 0 or 2; its top bit
 * when it starts at bit 4). A byte whose starting character makes it non-printable so counts against
 * the decoding at that alignment whatever follows. {@code Base64Tokens} decodes a run's first
 * {@link Base64Tokens#WINDOW} characters at four alignments (the run as if zero to three characters
 * had been cut before it): from bit 0; after a byte that the missing bits make smaller than 4 (never
 * printable), from bit 2; from bit 4; and from bit 14 (the byte at bit 6 is dropped). The counts of
 * such bytes, one per alignment, are kept in the four 16-bit lanes of a {@code long}. Ids, dates,
 * hashes and UUIDs decode to bytes with their top bit set at every alignment, far more than a quarter.
 */
final class Base64Printable {
    /** For a character at a position (mod 4, the high bits) of a value (the low 6 bits): a one in each lane where its byte is non-printable. */
    private static final long[] BAD = new long[256];

    static {
        for (int position = 0; position < 4; position++) {
            for (int v = 0; v < 64; v++) {
                long lanes = 0;
                for (int shift = 0; shift < 4; shift++) {
                    // the bit at which a byte starts in this character: 0, 2, 4, or none (the char holds a byte's low six bits)
                    int role = position + shift & 3;
                    boolean bad = switch (role) {
                        case 0 -> v < 8 || v >= 32;
                        case 1 -> (v & 8) != 0 || (v & 6) == 0;
                        case 2 -> (v & 2) != 0;
                        default -> false;
                    };
                    lanes |= bad ? 1L << 16 * shift : 0;
                }
                BAD[position << 6 | v] = lanes;
            }
        }
    }

    private Base64Printable() {
    }

    /**
     * Whether the run {@code t[from, from + length)} (eight characters or more) is one that
     * {@code Base64Tokens} searches for keywords (not led by {@code eyJ}) and may decode to mostly
     * printable text at some alignment. Reads the run's first {@link Base64Tokens#WINDOW} characters.
     */
    static boolean possible(CharSequence t, int from, int length) {
        int w = Math.min(length, Base64Tokens.WINDOW);
        long lanes = 0;
        int previous = 0;
        boolean json = true;
        for (int j = 0; j < w; j++) {
            char c = t.charAt(from + j);
            json &= j > 2 || (c | 0x20) == "eyj".charAt(j);
            int v = Base64Text.value(c);
            if (j > 0) {
                // the byte a character starts is decoded only when the next character is in the window too
                lanes += BAD[(j - 1 & 3) << 6 | previous] & (j - 1 == 1 ? ~(0xFFFFL << 48) : -1L);
            }
            previous = v;
        }
        if (json) {
            return false;    // a JSON web token, which Base64Tokens does not search for keywords
        }
        int bits = 6 * w;
        for (int shift = 0; shift < 4; shift++) {
            // the bytes decoded at this alignment (the first's missing bits count as zeros; dropped bytes do not count)
            int bytes = switch (shift) {
                case 0 -> bits / 8;
                case 1 -> (bits + 6) / 8;
                case 2 -> (bits + 4) / 8 - 1;
                default -> (bits + 2) / 8 - 2;
            };
            long bad = (lanes >>> 16 * shift & 0xFFFF) + (shift == 1 ? 1 : 0);
            if (bytes > 0 && bad * 4 <= bytes) {
                return true;
            }
        }
        return false;
    }
}
