package dev.bulwark.dataplane.threat.injection.text;

/**
 * The final pass of {@link Normalizer}, in place: compatibility look-alikes that parsers and
 * best-fit code pages turn into ASCII syntax become that ASCII, exotic spaces become a space, and
 * characters that render as nothing (NUL, zero-width, soft hyphen, BOM) disappear.
 */
final class Folding {
    private Folding() {
    }

    static void fold(StringBuilder s) {
        int w = 0;
        for (int r = 0, n = s.length(); r < n; r++) {
            char c = s.charAt(r);
            char f = c < 0x80 ? (c == 0 ? 0 : c) : fold(c);
            if (f != 0) {
                s.setCharAt(w++, f);
            }
        }
        s.setLength(w);
    }

    /** The ASCII a character stands for, itself when none, or 0 to drop it. */
    static char fold(char c) {
        if (c >= 0xFF01 && c <= 0xFF5E) {
            return (char) (c - 0xFEE0); // fullwidth ASCII
        }
        if (c >= 0x2460 && c <= 0x2468) {
            return (char) ('1' + c - 0x2460); // circled digits
        }
        if (c >= 0x24B6 && c <= 0x24CF) {
            return (char) ('A' + c - 0x24B6); // circled capitals
        }
        if (c >= 0x24D0 && c <= 0x24E9) {
            return (char) ('a' + c - 0x24D0); // circled small letters
        }
        if (c >= 0xFE50 && c <= 0xFE6B) {
            return smallForm(c);
        }
        if (c >= 0x2000 && c <= 0x200A) {
            return ' ';
        }
        return switch (c) {
            case 0x24EA -> '0';
            case 0x3002, 0xFF61, 0x2024 -> '.';
            case 0x2044, 0x2215 -> '/';
            case 0x2216 -> '\\';
            case 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> ' ';
            case 0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF -> 0;
            default -> c;
        };
    }

    /** The small form variants block (U+FE50-FE6B) as NFKC maps it. */
    private static char smallForm(char c) {
        return switch (c) {
            case 0xFE50 -> ',';
            case 0xFE52 -> '.';
            case 0xFE54 -> ';';
            case 0xFE55 -> ':';
            case 0xFE56 -> '?';
            case 0xFE57 -> '!';
            case 0xFE59 -> '(';
            case 0xFE5A -> ')';
            case 0xFE5B -> '{';
            case 0xFE5C -> '}';
            case 0xFE5F -> '#';
            case 0xFE60 -> '&';
            case 0xFE61 -> '*';
            case 0xFE62 -> '+';
            case 0xFE63 -> '-';
            case 0xFE64 -> '<';
            case 0xFE65 -> '>';
            case 0xFE66 -> '=';
            case 0xFE68 -> '\\';
            case 0xFE69 -> '$';
            case 0xFE6A -> '%';
            case 0xFE6B -> '@';
            default -> c;
        };
    }
}
